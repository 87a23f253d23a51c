/**
 * The conformance suite every response store runs (memory, Redis, and any store a user writes):
 * what goes in comes back equal, until its time is up or it is deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseStoreV1, StoredResponseItemV1, StoredResponseV1 } from '@ai-gateway/core';

export interface ResponseStoreConformanceCase {
  /** Makes the store under test (once for the suite). */
  create(): ResponseStoreV1 | Promise<ResponseStoreV1>;
  /** Removes what the suite stored and releases the store. */
  cleanup?(store: ResponseStoreV1): Promise<void>;
}

let counter = 0;
/** An id of the gateway's shape, different per test and per run. */
function idFor(prefix: string): string {
  counter += 1;
  return `${prefix}_conformance${Date.now()}${counter}`;
}

function response(id: string, text: string): StoredResponseV1 {
  return {
    kind: 'response',
    response: { id, object: 'response', store: true, output: [{ id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }] },
    input: [{ id: 'msg_0', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Ünïcode ✓ "quoted"' }] }],
    conversation: [],
    ownerHash: 'a'.repeat(64),
  };
}

export function describeResponseStoreConformance(name: string, testCase: ResponseStoreConformanceCase): void {
  describe(`response store conformance: ${name}`, () => {
    let store: ResponseStoreV1;
    beforeAll(async () => {
      store = await testCase.create();
    });
    afterAll(async () => {
      await testCase.cleanup?.(store);
    });

    it('has a name for operator logs', () => {
      expect(store.name).toMatch(/^[a-z][a-z0-9-]*$/);
    });

    it('answers undefined for an id never stored', async () => {
      expect(await store.get(idFor('resp'))).toBeUndefined();
    });

    it('gives back a response and an item as they were put', async () => {
      const id = idFor('resp');
      await store.put(id, response(id, 'Hello'), 60_000);
      expect(await store.get(id)).toEqual(response(id, 'Hello'));
      const itemId = idFor('msg');
      const item: StoredResponseItemV1 = { kind: 'item', item: { id: itemId, type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' }, responseId: id, ownerHash: 'b'.repeat(64) };
      await store.put(itemId, item, 60_000);
      expect(await store.get(itemId)).toEqual(item);
    });

    it('replaces an entry put under the same id', async () => {
      const id = idFor('resp');
      await store.put(id, response(id, 'first'), 60_000);
      await store.put(id, response(id, 'second'), 60_000);
      expect(await store.get(id)).toEqual(response(id, 'second'));
    });

    it('deletes, saying whether there was an entry', async () => {
      const id = idFor('resp');
      await store.put(id, response(id, 'Hello'), 60_000);
      expect(await store.delete(id)).toBe(true);
      expect(await store.get(id)).toBeUndefined();
      expect(await store.delete(id)).toBe(false);
    });

    it('forgets an entry once its time is up', async () => {
      const id = idFor('resp');
      await store.put(id, response(id, 'Hello'), 50);
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await store.get(id)).toBeUndefined();
    });
  });
}
