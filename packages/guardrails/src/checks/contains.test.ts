import { describe, expect, it } from 'vitest';
import { contains } from './contains.js';
import { runCheck } from '../../test/text-context.js';

const text = 'adding some text before this word1 and adding some text after';

describe('default.contains', () => {
  it('any: passes when one word is found, and lists found and missing words', async () => {
    const result = await runCheck(contains, text, { words: ['word1', 'word2'], operator: 'any' });
    expect(result).toEqual({ verdict: true, data: { operator: 'any', foundWords: ['word1'], missingWords: ['word2'] } });
    expect((await runCheck(contains, text, { words: ['word2', 'word3'], operator: 'any' })).verdict).toBe(false);
  });

  it('takes any when no operator is given', async () => {
    expect(await runCheck(contains, text, { words: ['word1'] })).toMatchObject({ verdict: true, data: { operator: 'any' } });
  });

  it('all: passes only when every word is found', async () => {
    expect((await runCheck(contains, text, { words: ['word1', 'text'], operator: 'all' })).verdict).toBe(true);
    expect(await runCheck(contains, text, { words: ['word1', 'word2'], operator: 'all' })).toMatchObject({ verdict: false, data: { missingWords: ['word2'] } });
  });

  it('none: passes only when no word is found', async () => {
    expect((await runCheck(contains, text, { words: ['word2', 'word3'], operator: 'none' })).verdict).toBe(true);
    expect(await runCheck(contains, text, { words: ['word2', 'word1'], operator: 'none' })).toMatchObject({ verdict: false, data: { foundWords: ['word1'] } });
  });

  it("is case-sensitive and matches inside words, as Portkey's check does", async () => {
    expect((await runCheck(contains, 'I like apple pie', { words: ['Apple'], operator: 'none' })).verdict).toBe(true);
    expect((await runCheck(contains, 'concatenate', { words: ['cat'], operator: 'any' })).verdict).toBe(true);
  });

  it('finds phrases and Unicode words; empty text contains nothing', async () => {
    expect((await runCheck(contains, 'Das ist ein Straßenschild, très bien 👍', { words: ['Straße', 'très bien', '👍'], operator: 'all' })).verdict).toBe(true);
    expect(await runCheck(contains, '', { words: ['a'], operator: 'any' })).toMatchObject({ verdict: false, data: { foundWords: [], missingWords: ['a'] } });
    expect((await runCheck(contains, '', { words: ['a'], operator: 'none' })).verdict).toBe(true);
  });

  it('judges the request side the same way', async () => {
    const result = await runCheck(contains, 'Tell me about Apple', { words: ['Apple'], operator: 'none' }, { eventType: 'beforeRequestHook' });
    expect(result.verdict).toBe(false);
  });

  it('validates: words a non-empty list of non-empty strings, operator any/all/none, nothing else', () => {
    expect(contains.validate!({ operator: 'any' })).toMatch(/'words' is required/);
    expect(contains.validate!({ words: [] })).toMatch(/'words' must be a non-empty list/);
    expect(contains.validate!({ words: ['a', ''] })).toMatch(/'words' must be a non-empty list of non-empty strings/);
    expect(contains.validate!({ words: 'apple' })).toMatch(/'words'/);
    expect(contains.validate!({ words: ['a'], operator: 'some' })).toMatch(/'operator' must be one of any, all, none/);
    expect(contains.validate!({ words: ['a'], operator: 'none', not: true })).toMatch(/unknown parameter 'not'/);
    expect(contains.validate!({ words: ['a'], operator: 'none' })).toBeUndefined();
  });
});
