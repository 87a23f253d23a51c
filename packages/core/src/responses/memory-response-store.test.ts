import { describe, expect, it } from 'vitest';
import type { StoredResponseV1 } from '@ai-gateway/spec';
import { createMemoryResponseStore } from './memory-response-store.js';

const entry = (text: string): StoredResponseV1 => ({ kind: 'response', response: { id: 'resp_1', output: [{ type: 'message', text }] }, input: [], conversation: [], ownerHash: 'h' });

describe('createMemoryResponseStore', () => {
  it('keeps an entry until its time to live ends, and hands out copies', async () => {
    let now = 0;
    const store = createMemoryResponseStore({ now: () => now });
    await store.put('resp_1', entry('Hi'), 1000);
    const read = (await store.get('resp_1')) as StoredResponseV1;
    expect(read).toEqual(entry('Hi'));
    read.response.id = 'changed';
    expect(((await store.get('resp_1')) as StoredResponseV1).response.id).toBe('resp_1');
    now = 1000;
    expect(await store.get('resp_1')).toBeUndefined();
  });

  it('deletes, saying whether there was an entry', async () => {
    const store = createMemoryResponseStore();
    await store.put('resp_1', entry('Hi'), 1000);
    expect(await store.delete('resp_1')).toBe(true);
    expect(await store.delete('resp_1')).toBe(false);
    expect(await store.get('resp_1')).toBeUndefined();
  });

  it('drops the least recently read entries past its bounds', async () => {
    const store = createMemoryResponseStore({ maxEntries: 2 });
    await store.put('a', entry('a'), 1000);
    await store.put('b', entry('b'), 1000);
    await store.get('a');
    await store.put('c', entry('c'), 1000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    const small = createMemoryResponseStore({ maxBytes: 300 });
    await small.put('big', entry('x'.repeat(400)), 1000);
    expect(await small.get('big')).toBeUndefined();
  });
});
