import { describe, expect, it } from 'vitest';
import { withFields } from './with-fields.js';

describe('withFields', () => {
  it('copies the base and lays the fields over it, leaving both untouched', () => {
    const base = { model: 'gpt-4o-mini', stream: false, temperature: 1 };
    const fields = { stream: true, max_tokens: 64 };
    const copy = withFields(base, fields);
    expect(copy).toEqual({ model: 'gpt-4o-mini', stream: true, temperature: 1, max_tokens: 64 });
    expect(Object.keys(copy)).toEqual(['model', 'stream', 'temperature', 'max_tokens']);
    expect(base).toEqual({ model: 'gpt-4o-mini', stream: false, temperature: 1 });
    expect(copy).not.toBe(base);
  });

  it('copies own fields only, as a spread does', () => {
    const base = Object.create({ inherited: 'from the prototype' }) as Record<string, unknown>;
    base.own = 'kept';
    expect(withFields(base, { added: 1 })).toEqual({ own: 'kept', added: 1 });
    expect(withFields({ kept: undefined })).toHaveProperty('kept', undefined);
  });

  it('keeps a client\'s "__proto__" key as data, never as the copy\'s prototype', () => {
    const body = JSON.parse('{"model":"m","__proto__":{"stream":true}}') as Record<string, unknown>;
    const copy = withFields(body, { temperature: 0 });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { stream?: unknown }).stream).toBeUndefined();
    expect(JSON.parse(JSON.stringify(copy))).toEqual(JSON.parse('{"model":"m","__proto__":{"stream":true},"temperature":0}'));
  });
});
