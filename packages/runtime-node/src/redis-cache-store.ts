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
import type { Redis } from 'ioredis';

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
  let client: Promise<Redis> | undefined;
  let closed = false;

  const connect = (): Promise<Redis> => {
    if (closed) return Promise.reject(new Error('[ai-gateway] [redis] the cache store is closed'));
    client ??= import('ioredis').then(({ Redis }) => {
      const redis = new Redis(options.url, {
        commandTimeout: options.commandTimeoutMs ?? 500,
        maxRetriesPerRequest: 0,
        connectTimeout: 2_000,
        // Commands of one tick go in one write: many concurrent hits cost one round trip.
        enableAutoPipelining: true,
      });
      // Connection errors also fail the commands, which the gateway reports (throttled); the
      // client's own 'error' events would otherwise be printed once per reconnection attempt.
      redis.on('error', () => {});
      return redis;
    });
    return client;
  };

  return {
    name: 'redis',
    async get(key) {
      const redis = await connect();
      const value = await redis.getBuffer(keyPrefix + key);
      return value ? decodeCachedAnswer(value) : undefined;
    },
    async set(key, answer, ttlMs) {
      if (ttlMs <= 0) return;
      const redis = await connect();
      const bytes = encodeCachedAnswer(answer);
      await redis.set(keyPrefix + key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'PX', Math.ceil(ttlMs));
    },
    async close() {
      closed = true;
      if (!client) return;
      const redis = await client;
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
