import { describe, expect, it } from 'vitest';
import { jsonSchema } from './json-schema.js';
import { runCheck } from '../../test/text-context.js';

const keySchema = { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] };

const userSchema = {
  type: 'object',
  required: ['user'],
  properties: {
    user: {
      type: 'object',
      required: ['name', 'contact', 'preferences'],
      properties: {
        name: { type: 'string' },
        contact: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } },
        preferences: { type: 'object', properties: { theme: { enum: ['light', 'dark'] }, notifications: { type: 'boolean' } } },
      },
    },
  },
};

describe('default.jsonSchema', () => {
  it('validates an answer that is JSON', async () => {
    const result = await runCheck(jsonSchema, '{"key": "value"}', { schema: keySchema });
    expect(result).toEqual({ verdict: true, data: { not: false, valid: true, jsonFound: 1, source: 'text', errors: [] } });
  });

  it('finds JSON in a ```json block inside prose', async () => {
    const text = 'adding some text before this ```json\n{"key": "value"}\n```\n and adding some text after';
    expect(await runCheck(jsonSchema, text, { schema: keySchema })).toMatchObject({ verdict: true, data: { source: 'fence' } });
  });

  it('finds a JSON object written in prose, nested objects included', async () => {
    const text = 'Here is the profile: {"user": {"name": "Ada", "contact": {"email": "ada@example.com"}, "preferences": {"theme": "dark"}}} as asked.';
    expect(await runCheck(jsonSchema, text, { schema: userSchema })).toMatchObject({ verdict: true, data: { source: 'object' } });
  });

  it('fails with the errors a user can act on, without echoing the JSON', async () => {
    const text = '```json\n{"user": {"name": "Ada", "contact": {"email": "not-an-email"}, "preferences": {"theme": "purple", "notifications": "yes"}}}\n```';
    const result = await runCheck(jsonSchema, text, { schema: userSchema });
    expect(result.verdict).toBe(false);
    const errors = (result.data as { errors: { path: string; message: string }[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '#/user/contact/email', message: expect.stringContaining('format "email"') },
        { path: '#/user/preferences/theme', message: expect.stringContaining('light') },
        { path: '#/user/preferences/notifications', message: expect.stringContaining('boolean') },
      ]),
    );
    expect(errors.every((error) => !/subschema had errors|does not match schema/.test(error.message))).toBe(true);
    expect(JSON.stringify(result.data)).not.toContain('not-an-email');
  });

  it("reports numbers and array items without the answer's values", async () => {
    const schema = { type: 'object', properties: { n: { maximum: 10 }, list: { type: 'array', items: { type: 'number' } } } };
    const result = await runCheck(jsonSchema, '{"n": 4242, "list": [1, "x"]}', { schema });
    expect((result.data as { errors: unknown[] }).errors).toEqual([
      { path: '#/n', message: 'The number is greater than 10.' },
      { path: '#/list/1', message: 'Instance type "string" is invalid. Expected "number".' },
    ]);
    expect(JSON.stringify(result.data)).not.toContain('4242');
  });

  it('passes when one of several values found is valid', async () => {
    const text = '```json\n{"other": 1}\n```\nor\n```json\n{"key": "value"}\n```';
    expect(await runCheck(jsonSchema, text, { schema: keySchema })).toMatchObject({ verdict: true, data: { jsonFound: 2 } });
  });

  it('fails when no JSON is found; `not: true` inverts every outcome', async () => {
    expect(await runCheck(jsonSchema, 'This is just plain text with no JSON', { schema: keySchema })).toMatchObject({ verdict: false, data: { jsonFound: 0 } });
    expect((await runCheck(jsonSchema, 'plain text', { schema: keySchema, not: true })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '{"key": "value"}', { schema: keySchema, not: true })).verdict).toBe(false);
    expect((await runCheck(jsonSchema, '{"key": 1}', { schema: keySchema, not: true })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '', { schema: keySchema })).verdict).toBe(false);
  });

  it('skips an unfinished fence and broken JSON', async () => {
    expect((await runCheck(jsonSchema, '```json\n{"key": "val', { schema: keySchema })).verdict).toBe(false);
    expect((await runCheck(jsonSchema, '{"key": "value", oops}', { schema: keySchema })).verdict).toBe(false);
  });

  it('uses draft 2020-12, or the draft $schema names', async () => {
    const tuple = { type: 'array', prefixItems: [{ type: 'number' }], items: false };
    expect((await runCheck(jsonSchema, '[1]', { schema: tuple })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '[1, 2]', { schema: tuple })).verdict).toBe(false);
    const draft7 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'number' }], additionalItems: false };
    expect((await runCheck(jsonSchema, '[1, 2]', { schema: draft7 })).verdict).toBe(false);
  });

  it('resolves $ref inside the schema', async () => {
    const schema = { $defs: { name: { type: 'string', minLength: 2 } }, type: 'object', properties: { first: { $ref: '#/$defs/name' } } };
    expect((await runCheck(jsonSchema, '{"first": "Ada"}', { schema })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '{"first": "A"}', { schema })).verdict).toBe(false);
  });

  it("runs the schema's patterns on RE2: a backtracking pattern can't stall it", async () => {
    const schema = { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } };
    const text = JSON.stringify({ name: `${'a'.repeat(40)}!` });
    const started = performance.now();
    const result = await runCheck(jsonSchema, text, { schema });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.verdict).toBe(false);
    expect((result.data as { errors: unknown[] }).errors).toEqual([{ path: '#/name', message: 'String does not match pattern "^(a+)+$".' }]);
    expect((await runCheck(jsonSchema, JSON.stringify({ name: 'aaa' }), { schema })).verdict).toBe(true);
  });

  it('keeps a `format` beside a `pattern`, and patterns inside combinators', async () => {
    const schema = { type: 'string', format: 'email', pattern: '@example\\.com$' };
    expect((await runCheck(jsonSchema, '"ada@example.com"', { schema })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '"ada@example.org"', { schema })).verdict).toBe(false);
    expect((await runCheck(jsonSchema, '"ada-at-example.com"', { schema })).verdict).toBe(false);
    const either = { anyOf: [{ pattern: '^\\d+$' }, { pattern: '^[a-z]+$' }] };
    expect((await runCheck(jsonSchema, '"123"', { schema: either })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '"abc"', { schema: either })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '"a1"', { schema: either })).verdict).toBe(false);
  });

  it('selects patternProperties with RE2, additionalProperties still applying', async () => {
    const schema = { type: 'object', patternProperties: { '^x-(a+)+$': { type: 'number' } }, additionalProperties: false };
    expect((await runCheck(jsonSchema, '{"x-aaa": 1}', { schema })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '{"x-aaa": "one"}', { schema })).verdict).toBe(false);
    expect((await runCheck(jsonSchema, '{"other": 1}', { schema })).verdict).toBe(false);
    const started = performance.now();
    expect((await runCheck(jsonSchema, JSON.stringify({ [`x-${'a'.repeat(40)}!`]: 1 }), { schema })).verdict).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
    const two = { type: 'object', patternProperties: { '^a': { type: 'number' }, 'a$': { minimum: 10 } } };
    expect((await runCheck(jsonSchema, '{"a": 20}', { schema: two })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, '{"a": 5}', { schema: two })).verdict).toBe(false);
  });

  it('refuses to compare every pair of a huge array for uniqueItems', async () => {
    const schema = { type: 'array', uniqueItems: true };
    expect((await runCheck(jsonSchema, JSON.stringify([1, 2, 3]), { schema })).verdict).toBe(true);
    expect((await runCheck(jsonSchema, JSON.stringify([1, 2, 1]), { schema })).verdict).toBe(false);
    await expect(runCheck(jsonSchema, JSON.stringify(Array.from({ length: 5_000 }, (_, index) => index)), { schema })).rejects.toThrow(/uniqueItems/);
  });

  it('validates: a schema object, RE2 patterns, $refs that resolve inside it', () => {
    expect(jsonSchema.validate!({})).toMatch(/'schema' is required/);
    expect(jsonSchema.validate!({ schema: 'object' })).toMatch(/'schema' must be a JSON Schema object/);
    expect(jsonSchema.validate!({ schema: [] })).toMatch(/'schema' must be a JSON Schema object/);
    expect(jsonSchema.validate!({ schema: { properties: { a: { pattern: '(?=x)' } } } })).toMatch(/'schema' at #\/properties\/a: 'pattern' is not a pattern the linear-time engine runs/);
    expect(jsonSchema.validate!({ schema: { pattern: 5 } })).toMatch(/'pattern' must be a string/);
    expect(jsonSchema.validate!({ schema: { patternProperties: { '(a)\\1': {} } } })).toMatch(/'patternProperties' key '\(a\)\\1' .*backreferences/);
    expect(jsonSchema.validate!({ schema: { $ref: 'https://example.com/schema.json' } })).toMatch(/\$ref 'https:\/\/example.com\/schema.json' does not resolve inside the schema/);
    expect(jsonSchema.validate!({ schema: { $ref: '#/$defs/missing' } })).toMatch(/\$ref '#\/\$defs\/missing' does not resolve/);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 70; level++) deep = { not: deep };
    expect(jsonSchema.validate!({ schema: deep })).toMatch(/'schema' nests deeper than 64 levels/);
    expect(jsonSchema.validate!({ schema: keySchema, strict: true })).toMatch(/unknown parameter 'strict'/);
    expect(jsonSchema.validate!({ schema: keySchema, not: 'no' })).toMatch(/'not' must be true or false/);
    expect(jsonSchema.validate!({ schema: userSchema, not: true })).toBeUndefined();
    expect(jsonSchema.validate!({ schema: { const: { pattern: '(?=not a schema)' } } })).toBeUndefined();
  });
});
