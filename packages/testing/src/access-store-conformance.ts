/**
 * The conformance suite every access store runs (memory, SQLite, Redis, and any store a user
 * writes): keys come back as they were stored, revoking keeps them listed, and counters are exact
 * under concurrency and forget themselves when their window has passed; virtual keys are created
 * once per id, replaced only when they exist, and removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessStoreV1, GatewayKeyV1, VirtualKeyV1 } from '@ai-gateway/core';

export interface AccessStoreConformanceCase {
  /** Makes an empty store under test (once for the suite). */
  create(): AccessStoreV1 | Promise<AccessStoreV1>;
  /** Removes what the suite stored and releases the store. */
  cleanup?(store: AccessStoreV1): Promise<void>;
}

let counter = 0;
function sampleKey(fields: Partial<GatewayKeyV1> = {}): GatewayKeyV1 {
  counter += 1;
  return {
    id: `key_conformance${Date.now()}${counter}`,
    name: 'Ünïcode team ✓',
    hash: `${counter}`.padStart(64, 'a'),
    prefix: 'aig-AbCd1234',
    allowed_providers: ['openai'],
    allowed_models: ['gpt-4o*'],
    rate_limits: { requests_per_minute: 10 },
    budget: { usd: 2.5, period: 'day' },
    metadata: { team: 'search' },
    created_at: new Date(Date.now() + counter).toISOString(),
    ...fields,
  };
}

export function describeAccessStoreConformance(name: string, testCase: AccessStoreConformanceCase): void {
  describe(`access store conformance: ${name}`, () => {
    let store: AccessStoreV1;
    beforeAll(async () => {
      store = await testCase.create();
    });
    afterAll(async () => {
      await testCase.cleanup?.(store);
    });

    it('has a name for operator logs, and no keys when new', async () => {
      expect(store.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(await store.hasKeys()).toBe(false);
      expect(await store.list()).toEqual([]);
    });

    it('gives back a key by id and by hash as it was created, and lists keys oldest first', async () => {
      const first = sampleKey();
      const second = sampleKey({ name: 'second', allowed_models: undefined, expires_at: '2031-01-01T00:00:00.000Z' });
      delete second.allowed_models;
      await store.create(first);
      await store.create(second);
      expect(await store.hasKeys()).toBe(true);
      expect(await store.get(first.id)).toEqual(first);
      expect(await store.findByHash(second.hash)).toEqual(second);
      const listed = await store.list();
      expect(listed.map((key) => key.id).slice(-2)).toEqual([first.id, second.id]);
    });

    it('answers undefined for an unknown id or hash', async () => {
      expect(await store.get('key_unknown')).toBeUndefined();
      expect(await store.findByHash('f'.repeat(64))).toBeUndefined();
      expect(await store.update('key_unknown', { name: 'x' })).toBeUndefined();
      expect(await store.revoke('key_unknown', new Date().toISOString())).toBeUndefined();
    });

    it('applies changes, a null removing the field', async () => {
      const key = sampleKey();
      await store.create(key);
      const changed = await store.update(key.id, { name: 'renamed', budget: null, rate_limits: { tokens_per_minute: 1000 } });
      const { budget: _budget, ...rest } = key;
      const expected = { ...rest, name: 'renamed', rate_limits: { tokens_per_minute: 1000 } };
      expect(changed).toEqual(expected);
      expect(await store.get(key.id)).toEqual(expected);
      expect(await store.findByHash(key.hash)).toEqual(expected);
    });

    it('revokes a key once, keeping it listed with the first revocation time', async () => {
      const key = sampleKey();
      await store.create(key);
      const first = '2030-01-01T00:00:00.000Z';
      expect((await store.revoke(key.id, first))?.revoked_at).toBe(first);
      expect((await store.revoke(key.id, '2030-02-01T00:00:00.000Z'))?.revoked_at).toBe(first);
      expect((await store.findByHash(key.hash))?.revoked_at).toBe(first);
      expect((await store.list()).some((listed) => listed.id === key.id && listed.revoked_at === first)).toBe(true);
    });

    it('lets exactly the limit through when many take at once', async () => {
      const name = `conformance:take:${Date.now()}:${counter++}`;
      const results = await Promise.all(Array.from({ length: 60 }, () => store.take(name, 1, 25, Date.now() + 60_000)));
      expect(results.filter((result) => result.allowed)).toHaveLength(25);
      expect(Math.max(...results.map((result) => result.total))).toBe(25);
      expect(await store.current(name)).toBe(25);
    });

    it('refuses an amount that does not fit what is left, leaving the counter as it was', async () => {
      const name = `conformance:fit:${Date.now()}:${counter++}`;
      expect(await store.take(name, 700, 1000)).toEqual({ allowed: true, total: 700 });
      expect(await store.take(name, 301, 1000)).toEqual({ allowed: false, total: 700 });
      expect(await store.take(name, 300, 1000)).toEqual({ allowed: true, total: 1000 });
      expect(await store.add(name, -450)).toBe(550);
      expect(await store.current(name)).toBe(550);
      expect(await store.current(`${name}:never`)).toBe(0);
    });

    it('takes several counters all or none, and lets exactly the tightest limit through at once', async () => {
      const requests = `conformance:all:requests:${Date.now()}:${counter++}`;
      const budget = `conformance:all:budget:${Date.now()}:${counter++}`;
      const expiresAt = Date.now() + 60_000;
      expect(await store.takeAll([{ key: requests, amount: 1, limit: 10, expiresAt }, { key: budget, amount: 600, limit: 1000, expiresAt }])).toEqual({ allowed: true, totals: [1, 600], refused: -1 });
      // The second counter refuses: the first is left as it was too.
      const refused = await store.takeAll([{ key: requests, amount: 1, limit: 10, expiresAt }, { key: budget, amount: 401, limit: 1000, expiresAt }]);
      expect(refused).toMatchObject({ allowed: false, refused: 1 });
      expect(refused.totals.slice(0, 2)).toEqual([1, 600]);
      expect(await store.current(requests)).toBe(1);
      const results = await Promise.all(Array.from({ length: 30 }, () => store.takeAll([{ key: requests, amount: 1, limit: 10, expiresAt }, { key: budget, amount: 50, limit: 1000, expiresAt }])));
      // 8 more fit the budget (600 + 8 × 50 = 1000) before the requests limit (10) would stop them.
      expect(results.filter((result) => result.allowed)).toHaveLength(8);
      expect(results.filter((result) => !result.allowed).every((result) => result.refused === 1)).toBe(true);
      expect([await store.current(requests), await store.current(budget)]).toEqual([9, 1000]);
    });

    it('adds exactly under concurrency, large amounts too', async () => {
      const name = `conformance:add:${Date.now()}:${counter++}`;
      await Promise.all(Array.from({ length: 40 }, (_, index) => store.add(name, index % 2 === 0 ? 2_500_000_000 : -1_000_000_000)));
      expect(await store.current(name)).toBe(20 * 1_500_000_000);
    });

    it('creates a virtual key once per id, replaces only an existing one, and removes it', async () => {
      const id = `vk-conformance-${Date.now()}-${counter++}`;
      const now = new Date().toISOString();
      const key: VirtualKeyV1 = { id, provider: 'azure-openai', sealed_secrets: 'v1.aXY.c2VhbGVk', settings: { azure_resource_name: 'Ünïcode-res', api_version: '2024-10-21' }, created_at: now, updated_at: now };
      expect(await store.getVirtualKey(id)).toBeUndefined();
      expect(await store.putVirtualKey({ ...key, id: `${id}-missing` }, 'replace')).toBe(false);
      expect(await store.getVirtualKey(`${id}-missing`)).toBeUndefined();
      expect(await store.putVirtualKey(key, 'create')).toBe(true);
      expect(await store.putVirtualKey({ ...key, provider: 'openai' }, 'create')).toBe(false);
      expect(await store.getVirtualKey(id)).toEqual(key);
      const rotated = { ...key, sealed_secrets: 'v1.bmV3.cm90YXRlZA', updated_at: new Date(Date.now() + 1000).toISOString() };
      expect(await store.putVirtualKey(rotated, 'replace')).toBe(true);
      expect(await store.getVirtualKey(id)).toEqual(rotated);
      expect((await store.listVirtualKeys()).filter((listed) => listed.id === id)).toEqual([rotated]);
      expect(await store.removeVirtualKey(id)).toBe(true);
      expect(await store.removeVirtualKey(id)).toBe(false);
      expect(await store.getVirtualKey(id)).toBeUndefined();
      expect((await store.listVirtualKeys()).some((listed) => listed.id === id)).toBe(false);
    });

    it('lists virtual keys oldest first', async () => {
      const base = Date.now();
      const ids = [0, 1, 2].map((index) => `vk-order-${base}-${counter++}-${index}`);
      for (const [index, id] of [...ids.entries()].reverse()) {
        const at = new Date(base + index * 1000).toISOString();
        await store.putVirtualKey({ id, provider: 'openai', sealed_secrets: 'v1.aXY.eA', created_at: at, updated_at: at }, 'create');
      }
      expect((await store.listVirtualKeys()).map((key) => key.id).filter((id) => ids.includes(id))).toEqual(ids);
      for (const id of ids) await store.removeVirtualKey(id);
    });

    it('forgets a counter once its time is up', async () => {
      const name = `conformance:expiry:${Date.now()}:${counter++}`;
      expect((await store.take(name, 5, 5, Date.now() + 300)).allowed).toBe(true);
      expect((await store.take(name, 1, 5, Date.now() + 300)).allowed).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(await store.current(name)).toBe(0);
      expect(await store.take(name, 1, 5, Date.now() + 300)).toEqual({ allowed: true, total: 1 });
    });
  });
}
