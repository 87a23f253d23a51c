/**
 * The conformance suite every cache store runs (memory, Redis, and any store a user writes):
 * what goes in comes back byte for byte, until its time is up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedAnswer, CacheStore } from '@ai-gateway/core';

export interface CacheStoreConformanceCase {
  /** Makes the store under test (once for the suite). */
  create(): CacheStore | Promise<CacheStore>;
  /** Removes what the suite stored and releases the store. */
  cleanup?(store: CacheStore): Promise<void>;
}

const encoder = new TextEncoder();

function answer(text: string, contentType = 'application/json'): CachedAnswer {
  return { status: 200, contentType, body: encoder.encode(text) };
}

/** A key of the shape the gateway uses (64 hex characters), different per test. */
function keyFor(label: string): string {
  return Array.from(encoder.encode(label.padEnd(32, '.').slice(0, 32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function describeCacheStoreConformance(name: string, testCase: CacheStoreConformanceCase): void {
  describe(`cache store conformance: ${name}`, () => {
    let store: CacheStore;
    beforeAll(async () => {
      store = await testCase.create();
    });
    afterAll(async () => {
      await testCase.cleanup?.(store);
    });

    it('has a name for the logs', () => {
      expect(store.name).toMatch(/^[a-z][a-z0-9-]*$/);
    });

    it('gives back nothing for a key it never got', async () => {
      expect(await store.get(keyFor('never stored'))).toBeUndefined();
    });

    it('gives back status, content type and body byte for byte, binary and newlines included', async () => {
      const body = new Uint8Array([0, 10, 13, 255, 123, 34, 10, 10, 0x7d, 0xe2, 0x82, 0xac]);
      await store.set(keyFor('bytes'), { status: 200, contentType: 'text/event-stream; charset=utf-8', body }, 60_000);
      const stored = await store.get(keyFor('bytes'));
      expect(stored?.status).toBe(200);
      expect(stored?.contentType).toBe('text/event-stream; charset=utf-8');
      expect(Array.from(stored!.body)).toEqual(Array.from(body));
    });

    it('keeps an empty body', async () => {
      await store.set(keyFor('empty'), answer(''), 60_000);
      expect((await store.get(keyFor('empty')))?.body.byteLength).toBe(0);
    });

    it('replaces an entry stored under the same key', async () => {
      await store.set(keyFor('replace'), answer('{"n":1}'), 60_000);
      await store.set(keyFor('replace'), answer('{"n":2}'), 60_000);
      expect(new TextDecoder().decode((await store.get(keyFor('replace')))!.body)).toBe('{"n":2}');
    });

    it('keeps keys apart', async () => {
      await store.set(keyFor('first'), answer('"first"'), 60_000);
      await store.set(keyFor('second'), answer('"second"'), 60_000);
      expect(new TextDecoder().decode((await store.get(keyFor('first')))!.body)).toBe('"first"');
      expect(new TextDecoder().decode((await store.get(keyFor('second')))!.body)).toBe('"second"');
    });

    it('forgets an entry once its time to live has passed', async () => {
      await store.set(keyFor('short'), answer('"short"'), 80);
      expect(await store.get(keyFor('short'))).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await store.get(keyFor('short'))).toBeUndefined();
    });
  });
}
