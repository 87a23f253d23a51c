/**
 * Keys and counters in this process's memory: for tests, and for a single instance that makes
 * its keys at start-up. Nothing survives a restart, and nothing is shared with other instances.
 */
import type { AccessStoreV1, GatewayKeyV1, VirtualKeyV1 } from '@ai-gateway/spec';
import { applyKeyChanges } from './apply-key-changes.js';

interface Counter {
  value: number;
  expiresAt: number | undefined;
}

/**
 * @example
 * ```ts
 * createGateway({ providers, access: { store: createMemoryAccessStore() } });
 * ```
 */
export function createMemoryAccessStore(): AccessStoreV1 {
  const keys = new Map<string, GatewayKeyV1>();
  const counters = new Map<string, Counter>();
  const virtualKeys = new Map<string, VirtualKeyV1>();
  const live = (key: string): Counter | undefined => {
    const counter = counters.get(key);
    if (counter?.expiresAt !== undefined && counter.expiresAt <= Date.now()) {
      counters.delete(key);
      return undefined;
    }
    return counter;
  };
  const add = (key: string, amount: number, expiresAt: number | undefined): number => {
    const counter = live(key) ?? { value: 0, expiresAt };
    counter.value += amount;
    counters.set(key, counter);
    return counter.value;
  };
  return {
    name: 'memory',
    async create(key) {
      keys.set(key.id, structuredClone(key));
    },
    async list() {
      return [...keys.values()].map((key) => structuredClone(key));
    },
    async get(id) {
      const key = keys.get(id);
      return key && structuredClone(key);
    },
    async findByHash(hash) {
      for (const key of keys.values()) if (key.hash === hash) return structuredClone(key);
      return undefined;
    },
    async update(id, changes) {
      const key = keys.get(id);
      if (!key) return undefined;
      const changed = applyKeyChanges(key, changes);
      keys.set(id, changed);
      return structuredClone(changed);
    },
    async revoke(id, at) {
      const key = keys.get(id);
      if (!key) return undefined;
      key.revoked_at ??= at;
      return structuredClone(key);
    },
    async hasKeys() {
      return keys.size > 0;
    },
    async take(key, amount, limit, expiresAt) {
      const total = live(key)?.value ?? 0;
      if (total + amount > limit) return { allowed: false, total };
      return { allowed: true, total: add(key, amount, expiresAt) };
    },
    async takeAll(items) {
      const totals = items.map((item) => live(item.key)?.value ?? 0);
      const refused = items.findIndex((item, index) => totals[index] + item.amount > item.limit);
      if (refused !== -1) return { allowed: false, totals, refused };
      return { allowed: true, totals: items.map((item) => add(item.key, item.amount, item.expiresAt)), refused: -1 };
    },
    async add(key, amount, expiresAt) {
      return add(key, amount, expiresAt);
    },
    async current(key) {
      return live(key)?.value ?? 0;
    },
    async putVirtualKey(key, mode) {
      if (virtualKeys.has(key.id) !== (mode === 'replace')) return false;
      virtualKeys.set(key.id, structuredClone(key));
      return true;
    },
    async getVirtualKey(id) {
      const key = virtualKeys.get(id);
      return key && structuredClone(key);
    },
    async listVirtualKeys() {
      return [...virtualKeys.values()].sort((left, right) => left.created_at.localeCompare(right.created_at)).map((key) => structuredClone(key));
    },
    async removeVirtualKey(id) {
      return virtualKeys.delete(id);
    },
  };
}
