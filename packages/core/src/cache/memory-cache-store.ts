/**
 * The embedded cache store: least recently used entries go first once either bound (entries or
 * bytes) is reached, so the cache can never grow the process without limit. Per process: for
 * entries shared between instances, use a shared store (runtime-node: Redis).
 */
import type { CachedAnswer, CacheStore } from '@ai-gateway/spec';

export interface MemoryCacheStoreOptions {
  /** At most this many entries. Default 10,000. */
  maxEntries?: number;
  /** At most about this many bytes of answers (bodies plus a small allowance per entry). Default 64 MiB. */
  maxBytes?: number;
  /** The clock, in milliseconds (tests move it). Default `Date.now`. */
  now?: () => number;
}

export const defaultMemoryCacheLimits = { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 } as const;

/** What an entry costs beyond its body: the key, the content type, the bookkeeping objects. */
const entryOverheadBytes = 256;

interface MemoryEntry {
  answer: CachedAnswer;
  expiresAt: number;
  size: number;
}

/**
 * @example
 * ```ts
 * createGateway({ providers, cacheStore: createMemoryCacheStore({ maxBytes: 256 * 1024 * 1024 }) });
 * ```
 */
export function createMemoryCacheStore(options: MemoryCacheStoreOptions = {}): CacheStore {
  const maxEntries = options.maxEntries ?? defaultMemoryCacheLimits.maxEntries;
  const maxBytes = options.maxBytes ?? defaultMemoryCacheLimits.maxBytes;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const entries = new Map<string, MemoryEntry>();
  let totalBytes = 0;

  const remove = (key: string, entry: MemoryEntry) => {
    entries.delete(key);
    totalBytes -= entry.size;
  };

  return {
    name: 'memory',
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        remove(key, entry);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.answer;
    },
    async set(key, answer, ttlMs) {
      const previous = entries.get(key);
      if (previous) remove(key, previous);
      const size = answer.body.byteLength + answer.contentType.length + key.length + entryOverheadBytes;
      // An answer bigger than the whole cache would only evict everything else and then itself.
      if (ttlMs <= 0 || size > maxBytes) return;
      entries.set(key, { answer, expiresAt: now() + ttlMs, size });
      totalBytes += size;
      for (const [oldestKey, oldest] of entries) {
        if (entries.size <= maxEntries && totalBytes <= maxBytes) break;
        remove(oldestKey, oldest);
      }
    },
  };
}
