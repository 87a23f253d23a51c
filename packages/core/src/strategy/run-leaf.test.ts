import { describe, expect, it } from 'vitest';
import { leafKey } from './run-leaf.js';

describe('leafKey', () => {
  const target = (apiKey: string | undefined, model = 'gpt-4o-mini') => ({ provider: 'openai', apiKey, customHost: 'https://llm.example/v1', overrideParams: { model }, settings: {} });

  it('tells keys apart by a fingerprint, never by the key itself', () => {
    const first = leafKey(target('sk-first-tenant-0123456789'));
    const second = leafKey(target('sk-second-tenant-0123456789'));
    expect(first).not.toBe(second);
    expect(first).not.toContain('sk-first');
    expect(leafKey(target('sk-first-tenant-0123456789')).split('|').at(-1)).toMatch(/^[0-9a-f]{1,8}$/);
  });

  it('gives one target the same key on every request, and separates provider, host, model and name', () => {
    expect(leafKey(target('key'))).toBe(leafKey(target('key')));
    expect(leafKey(target('key'), 'primary')).not.toBe(leafKey(target('key')));
    expect(leafKey(target('key', 'gpt-4o'))).not.toBe(leafKey(target('key')));
    expect(leafKey({ ...target('key'), customHost: 'https://other.example/v1' })).not.toBe(leafKey(target('key')));
    expect(leafKey(target(undefined))).toBe('openai|https://llm.example/v1|gpt-4o-mini||');
  });
});
