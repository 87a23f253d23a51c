/**
 * Stored responses (`POST /v1/responses` on translated targets) in Redis, shared by every gateway
 * instance that points at it: a conversation started on one continues on any other. Each entry is
 * one Redis string of JSON with Redis's own expiry.
 *
 * ioredis is imported on first use: a gateway without Redis never loads it. Commands give up after
 * `commandTimeoutMs`; core answers a failed read as an unknown id and logs the failure.
 */
import type { ResponseStoreV1, StoredResponseEntryV1 } from '@ai-gateway/spec';
import type { Redis } from 'ioredis';

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
  let client: Promise<Redis> | undefined;
  let closed = false;

  const connect = (): Promise<Redis> => {
    if (closed) return Promise.reject(new Error('[ai-gateway] [redis] the response store is closed'));
    client ??= import('ioredis').then(({ Redis }) => {
      const redis = new Redis(options.url, {
        commandTimeout: options.commandTimeoutMs ?? 1_000,
        maxRetriesPerRequest: 0,
        connectTimeout: 2_000,
        enableAutoPipelining: true,
      });
      // Connection errors also fail the commands, which the gateway reports.
      redis.on('error', () => {});
      return redis;
    });
    return client;
  };

  return {
    name: 'redis',
    async get(id) {
      const redis = await connect();
      const value = await redis.get(keyPrefix + id);
      return value === null ? undefined : (JSON.parse(value) as StoredResponseEntryV1);
    },
    async put(id, entry, ttlMs) {
      if (ttlMs <= 0) return;
      const redis = await connect();
      await redis.set(keyPrefix + id, JSON.stringify(entry), 'PX', Math.ceil(ttlMs));
    },
    async delete(id) {
      const redis = await connect();
      return (await redis.del(keyPrefix + id)) > 0;
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
