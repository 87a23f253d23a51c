import { describe, expect, it } from 'vitest';
import type { StoredResponseV1 } from '@ai-gateway/spec';
import { callerCredential, inputItemsPage, keyHash } from './stored-responses.js';

const stored: StoredResponseV1 = {
  kind: 'response', response: { id: 'resp_1' }, conversation: [], ownerHash: 'h',
  input: ['a', 'b', 'c'].map((id) => ({ id, type: 'message', role: 'user', content: id })),
};
const page = (query: string) => inputItemsPage(stored, new URLSearchParams(query));

describe('callerCredential', () => {
  it('is the header key first, else the inline config, else the provider-setting headers, else empty', () => {
    expect(callerCredential('sk-a', '{"api_key":"sk-b"}', { aws_region: 'x' })).toBe('key:sk-a');
    expect(callerCredential(undefined, '{"api_key":"sk-b"}', {})).toBe('config:{"api_key":"sk-b"}');
    // A named server config holds the operator's keys, not the caller's.
    expect(callerCredential(undefined, 'prod', {})).toBe('');
    expect(callerCredential(undefined, null, { b: '2', a: '1' })).toBe(callerCredential(undefined, null, { a: '1', b: '2' }));
    expect(callerCredential(undefined, null, { aws_secret_access_key: 's1' })).not.toBe(callerCredential(undefined, null, { aws_secret_access_key: 's2' }));
    expect(callerCredential(undefined, null, {})).toBe('');
  });

  it('is stored only as its SHA-256', async () => {
    expect(await keyHash('key:sk-a')).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyHash('key:sk-a')).not.toBe(await keyHash('key:sk-b'));
  });
});

describe('inputItemsPage', () => {
  it('lists newest first by default, in pages after an item id', () => {
    expect(page('')).toEqual({ object: 'list', data: [stored.input[2], stored.input[1], stored.input[0]], first_id: 'c', last_id: 'a', has_more: false });
    expect(page('order=asc&limit=2')).toMatchObject({ first_id: 'a', last_id: 'b', has_more: true });
    expect(page('order=asc&limit=2&after=b')).toMatchObject({ data: [stored.input[2]], has_more: false });
    expect(page('after=unknown')).toMatchObject({ data: [], first_id: null, last_id: null, has_more: false });
  });

  it('refuses a limit or an order it does not know with a 400', () => {
    expect(() => page('limit=0')).toThrow(expect.objectContaining({ status: 400, param: 'limit' }));
    expect(() => page('limit=101')).toThrow(expect.objectContaining({ status: 400, param: 'limit' }));
    expect(() => page('order=up')).toThrow(expect.objectContaining({ status: 400, param: 'order' }));
  });
});
