/**
 * The embedded store of responses answered for translated targets: least recently used entries go
 * first once either bound (entries or bytes) is reached. Per process: for conversations that
 * continue on another instance, use a shared store (runtime-node: Redis).
 */
import type { ResponseStoreV1, StoredResponseEntryV1 } from '@ai-gateway/spec';

export interface MemoryResponseStoreOptions {
  /** At most this many entries (responses and their output items). Default 10,000. */
  maxEntries?: number;
  /** At most about this many bytes of JSON. Default 64 MiB. */
  maxBytes?: number;
  /** The clock, in milliseconds (tests move it). Default `Date.now`. */
  now?: () => number;
}

interface MemoryEntry {
  /** Kept as JSON text: a reader gets its own copy, and the size is known. */
  json: string;
  expiresAt: number;
}

/**
 * @example
 * ```ts
 * createGateway({ providers, responseStore: createMemoryResponseStore({ maxBytes: 256 * 1024 * 1024 }) });
 * ```
 */
export function createMemoryResponseStore(options: MemoryResponseStoreOptions = {}): ResponseStoreV1 {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every read keeps the least recently used first.
  const entries = new Map<string, MemoryEntry>();
  let totalBytes = 0;

  const remove = (id: string, entry: MemoryEntry) => {
    entries.delete(id);
    totalBytes -= entry.json.length;
  };

  return {
    name: 'memory',
    async get(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        remove(id, entry);
        return undefined;
      }
      entries.delete(id);
      entries.set(id, entry);
      return JSON.parse(entry.json) as StoredResponseEntryV1;
    },
    async put(id, value, ttlMs) {
      const previous = entries.get(id);
      if (previous) remove(id, previous);
      const json = JSON.stringify(value);
      if (ttlMs <= 0 || json.length > maxBytes) return;
      entries.set(id, { json, expiresAt: now() + ttlMs });
      totalBytes += json.length;
      for (const [oldestId, oldest] of entries) {
        if (entries.size <= maxEntries && totalBytes <= maxBytes) break;
        remove(oldestId, oldest);
      }
    },
    async delete(id) {
      const entry = entries.get(id);
      if (!entry) return false;
      remove(id, entry);
      return entry.expiresAt > now();
    },
  };
}
