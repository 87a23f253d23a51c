/**
 * Stored responses (`POST /v1/responses` on translated targets) in Redis, shared by every gateway
 * instance that points at it: a conversation started on one continues on any other. Each entry is
 * one Redis string of JSON with Redis's own expiry.
 *
 * ioredis is imported on first use: a gateway without Redis never loads it. Commands give up after
 * `commandTimeoutMs`; core answers a failed read as an unknown id and logs the failure.
 */
import type { ResponseStoreV1, StoredResponseEntryV1 } from '@ai-gateway/spec';
import { createLazyRedis } from './lazy-redis.js';

export interface RedisResponseStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  url: string;
  /** Prefix of every key, so that the store can share a Redis with other data. Default `ai-gateway:responses:`. */
  keyPrefix?: string;
  /** How long one command may take before it counts as a failure. Default 1,000 ms. */
  commandTimeoutMs?: number;
}

export interface RedisResponseStore extends ResponseStoreV1 {
  close(): Promise<void>;
}

export const defaultRedisResponseKeyPrefix = 'ai-gateway:responses:';

/**
 * @example
 * ```ts
 * const responseStore = createRedisResponseStore({ url: 'redis://127.0.0.1:6379' });
 * const gateway = await startGateway({ responseStore });
 * ```
 */
export function createRedisResponseStore(options: RedisResponseStoreOptions): RedisResponseStore {
  const keyPrefix = options.keyPrefix ?? defaultRedisResponseKeyPrefix;
  const redis = createLazyRedis(options.url, options.commandTimeoutMs ?? 1_000, 'response store');

  return {
    name: 'redis',
    async get(id) {
      const client = await redis.connect();
      const value = await client.get(keyPrefix + id);
      return value === null ? undefined : (JSON.parse(value) as StoredResponseEntryV1);
    },
    async put(id, entry, ttlMs) {
      if (ttlMs <= 0) return;
      const client = await redis.connect();
      await client.set(keyPrefix + id, JSON.stringify(entry), 'PX', Math.ceil(ttlMs));
    },
    async delete(id) {
      const client = await redis.connect();
      return (await client.del(keyPrefix + id)) > 0;
    },
    close: () => redis.close(),
  };
}
