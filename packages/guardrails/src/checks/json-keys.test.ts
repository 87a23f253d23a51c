import { describe, expect, it } from 'vitest';
import { findJson } from './json-in-text.js';
import { jsonKeys } from './json-keys.js';
import { runCheck } from '../../test/text-context.js';

describe('finding JSON in a text', () => {
  it('takes the whole text when it is JSON, else json or untagged fences, else objects in prose', () => {
    expect(findJson(' [1, 2] ')).toEqual([{ value: [1, 2], source: 'text' }]);
    expect(findJson('a\n```json\n{"a": 1}\n```\nb\n```\n{"b": 2}\n```\n```python\n{"c": 3}\n```')).toEqual([
      { value: { a: 1 }, source: 'fence' },
      { value: { b: 2 }, source: 'fence' },
    ]);
    expect(findJson('first {"a": {"b": "}"}} then {"c": 1} and {not json}')).toEqual([
      { value: { a: { b: '}' } }, source: 'object' },
      { value: { c: 1 }, source: 'object' },
    ]);
    expect(findJson('an open { brace then {"a": 1}')).toEqual([{ value: { a: 1 }, source: 'object' }]);
    expect(findJson('no json here')).toEqual([]);
    expect(findJson('')).toEqual([]);
  });

  it('reads a long text of unclosed braces and fences once', () => {
    const started = performance.now();
    expect(findJson('{'.repeat(200_000))).toEqual([]);
    expect(findJson('```\n'.repeat(100_000))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('default.jsonKeys', () => {
  const text = '{"key1": "value1", "key2": "value2"}';

  it('any: passes when one key is present', async () => {
    expect(await runCheck(jsonKeys, text, { keys: ['key1', 'key3'], operator: 'any' })).toEqual({
      verdict: true,
      data: { operator: 'any', jsonFound: 1, presentKeys: ['key1'], missingKeys: ['key3'] },
    });
    expect((await runCheck(jsonKeys, text, { keys: ['key3'] })).verdict).toBe(false);
  });

  it('all: passes when every key is present in one object', async () => {
    expect((await runCheck(jsonKeys, text, { keys: ['key1', 'key2'], operator: 'all' })).verdict).toBe(true);
    expect(await runCheck(jsonKeys, text, { keys: ['key1', 'key3'], operator: 'all' })).toMatchObject({ verdict: false, data: { missingKeys: ['key3'] } });
    const two = '{"key1": "value1"} {"key2": "value2", "key3": "value3"}';
    expect(await runCheck(jsonKeys, two, { keys: ['key2', 'key3'], operator: 'all' })).toMatchObject({ verdict: true, data: { jsonFound: 2, presentKeys: ['key2', 'key3'] } });
  });

  it('none: passes only when no object found has any of the keys', async () => {
    expect((await runCheck(jsonKeys, text, { keys: ['key3', 'key4'], operator: 'none' })).verdict).toBe(true);
    expect((await runCheck(jsonKeys, text, { keys: ['key3', 'key1'], operator: 'none' })).verdict).toBe(false);
    expect(await runCheck(jsonKeys, '{"safe": 1} {"secret": 2}', { keys: ['secret'], operator: 'none' })).toMatchObject({ verdict: false, data: { presentKeys: ['secret'] } });
  });

  it('reads top-level keys only, of objects in fences too', async () => {
    expect((await runCheck(jsonKeys, '{"outer": {"inner": 1}}', { keys: ['inner'] })).verdict).toBe(false);
    expect((await runCheck(jsonKeys, '```json\n{"key1": "value1", "key2": "value2"}\n```', { keys: ['key1'] })).verdict).toBe(true);
    expect((await runCheck(jsonKeys, '{"ключ": 1, "🔑": 2}', { keys: ['ключ', '🔑'], operator: 'all' })).verdict).toBe(true);
  });

  it('fails whatever the operator when no JSON object is found', async () => {
    for (const operator of ['any', 'all', 'none']) {
      expect(await runCheck(jsonKeys, 'This is just plain text with no JSON', { keys: ['key1'], operator })).toMatchObject({ verdict: false, data: { jsonFound: 0 } });
    }
    expect((await runCheck(jsonKeys, '[1, 2]', { keys: ['0'] })).verdict).toBe(false);
    expect((await runCheck(jsonKeys, '', { keys: ['a'], operator: 'none' })).verdict).toBe(false);
  });

  it('validates: keys a non-empty list, operator any/all/none, nothing else', () => {
    expect(jsonKeys.validate!({ operator: 'any' })).toMatch(/'keys' is required/);
    expect(jsonKeys.validate!({ keys: [] })).toMatch(/'keys' must be a non-empty list/);
    expect(jsonKeys.validate!({ keys: ['a'], operator: 'invalid' })).toMatch(/'operator' must be one of any, all, none/);
    expect(jsonKeys.validate!({ keys: ['a'], not: true })).toMatch(/unknown parameter 'not'/);
    expect(jsonKeys.validate!({ keys: ['a', 'b'], operator: 'all' })).toBeUndefined();
  });
});
