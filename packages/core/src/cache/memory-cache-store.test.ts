import { describe, expect, it } from 'vitest';
import type { CachedAnswer } from '@ai-gateway/spec';
import { createMemoryCacheStore } from './memory-cache-store.js';

const answerOf = (size: number): CachedAnswer => ({ status: 200, contentType: 'application/json', body: new Uint8Array(size) });

describe('memory cache store', () => {
  it('drops the least recently used entry once it holds maxEntries', async () => {
    const store = createMemoryCacheStore({ maxEntries: 2 });
    await store.set('a', answerOf(1), 60_000);
    await store.set('b', answerOf(1), 60_000);
    // Reading `a` makes `b` the least recently used.
    expect(await store.get('a')).toBeDefined();
    await store.set('c', answerOf(1), 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
  });

  it('drops old entries once the bodies reach maxBytes', async () => {
    const store = createMemoryCacheStore({ maxBytes: 10_000 });
    await store.set('a', answerOf(4_000), 60_000);
    await store.set('b', answerOf(4_000), 60_000);
    await store.set('c', answerOf(4_000), 60_000);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
  });

  it('does not keep an answer larger than the whole store, and keeps the others', async () => {
    const store = createMemoryCacheStore({ maxBytes: 10_000 });
    await store.set('small', answerOf(10), 60_000);
    await store.set('huge', answerOf(20_000), 60_000);
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('small')).toBeDefined();
  });

  it('counts a replaced entry once', async () => {
    const store = createMemoryCacheStore({ maxBytes: 10_000 });
    for (let round = 0; round < 10; round += 1) await store.set('same', answerOf(4_000), 60_000);
    await store.set('other', answerOf(4_000), 60_000);
    expect(await store.get('same')).toBeDefined();
    expect(await store.get('other')).toBeDefined();
  });

  it('expires entries by its clock', async () => {
    let time = 1_000;
    const store = createMemoryCacheStore({ now: () => time });
    await store.set('a', answerOf(1), 500);
    time += 499;
    expect(await store.get('a')).toBeDefined();
    time += 1;
    expect(await store.get('a')).toBeUndefined();
  });

  it('hands back the very bytes it was given (no copy on a hit)', async () => {
    const store = createMemoryCacheStore();
    const answer = answerOf(3);
    await store.set('a', answer, 60_000);
    expect((await store.get('a'))?.body).toBe(answer.body);
  });
});
