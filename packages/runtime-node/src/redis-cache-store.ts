/**
 * A cache store in Redis, shared by every gateway instance that points at it. Each entry is one
 * Redis string (see core's `encodeCachedAnswer`) with Redis's own expiry, so a hit is one GET.
 *
 * ioredis is imported on first use: a gateway without Redis never loads it. The client is set up
 * for a cache, where a late answer is worth less than none: commands give up after
 * `commandTimeoutMs`, and commands waiting for a connection fail as soon as a connection attempt
 * fails, instead of piling up. Core turns every failure into a miss and logs it.
 */
import { decodeCachedAnswer, encodeCachedAnswer, type CacheStore } from '@ai-gateway/core';
import { createLazyRedis } from './lazy-redis.js';

export interface RedisCacheStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  url: string;
  /** Prefix of every key, so that the cache can share a Redis with other data. Default `ai-gateway:cache:`. */
  keyPrefix?: string;
  /** How long one command may take before it counts as a failure. Default 500 ms. */
  commandTimeoutMs?: number;
}

export interface RedisCacheStore extends CacheStore {
  close(): Promise<void>;
}

export const defaultRedisKeyPrefix = 'ai-gateway:cache:';

/**
 * @example
 * ```ts
 * const cacheStore = createRedisCacheStore({ url: 'redis://127.0.0.1:6379' });
 * const gateway = await startGateway({ cacheStore });
 * ```
 */
export function createRedisCacheStore(options: RedisCacheStoreOptions): RedisCacheStore {
  const keyPrefix = options.keyPrefix ?? defaultRedisKeyPrefix;
  const redis = createLazyRedis(options.url, options.commandTimeoutMs ?? 500, 'cache store');

  return {
    name: 'redis',
    async get(key) {
      const client = await redis.connect();
      const value = await client.getBuffer(keyPrefix + key);
      return value ? decodeCachedAnswer(value) : undefined;
    },
    async set(key, answer, ttlMs) {
      if (ttlMs <= 0) return;
      const client = await redis.connect();
      const bytes = encodeCachedAnswer(answer);
      await client.set(keyPrefix + key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'PX', Math.ceil(ttlMs));
    },
    close: () => redis.close(),
  };
}
