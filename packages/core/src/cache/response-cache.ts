/**
 * The gateway's one handle on its cache store. It makes a failing store harmless: a lookup that
 * fails is a miss, a write that fails is dropped, and the operator hears about it in the log at
 * most once per interval (a Redis that is down would otherwise log once per request). After a
 * failure the store is left alone for a moment, so that requests do not each wait for a store
 * that is down to time out.
 */
import type { GatewayLogger } from '../logger.js';
import type { CachedAnswer, CacheStore } from '@ai-gateway/spec';
import { createMemoryCacheStore } from './memory-cache-store.js';

export interface ResponseCacheOptions {
  /** The store; default: an in-memory store, created on the first request that uses the cache. */
  store?: CacheStore;
  logger: GatewayLogger;
  /** Largest answer kept, in bytes; larger ones are answered but not cached. Default 8 MiB. */
  maxEntryBytes?: number;
  /** At most one failure report per this many milliseconds. Default 60 s. */
  failureReportIntervalMs?: number;
  /** How long the store is left alone after a failure. Default 5 s. */
  pauseAfterFailureMs?: number;
  /** The clock, in milliseconds (tests move it). Default `Date.now`. */
  now?: () => number;
}

export interface ResponseCache {
  readonly maxEntryBytes: number;
  /** The live entry, or undefined on a miss and on any failure of the store. */
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Stores an entry; never rejects. */
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
}

export const defaultMaxCacheEntryBytes = 8 * 1024 * 1024;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { logger } = options;
  const reportIntervalMs = options.failureReportIntervalMs ?? 60_000;
  const pauseMs = options.pauseAfterFailureMs ?? 5_000;
  const now = options.now ?? Date.now;
  let store = options.store;
  // Set while the store is failing: 0 means healthy, so the usual path reads no clock.
  let pausedUntil = 0;
  let lastReportAt = Number.NEGATIVE_INFINITY;
  let unreportedFailures = 0;

  const storeInUse = () => (store ??= createMemoryCacheStore());

  const isPaused = () => pausedUntil !== 0 && now() < pausedUntil;

  const recordFailure = (operation: 'get' | 'set', error: unknown) => {
    const time = now();
    pausedUntil = time + pauseMs;
    if (time - lastReportAt < reportIntervalMs) {
      unreportedFailures += 1;
      return;
    }
    logger.warn(`[ai-gateway] [cache] [${storeInUse().name}] the cache store failed; requests go to the upstream until it works again`, {
      operation,
      error: describeError(error),
      failuresSinceLastReport: unreportedFailures,
    });
    lastReportAt = time;
    unreportedFailures = 0;
  };

  const recordSuccess = () => {
    if (pausedUntil === 0) return;
    pausedUntil = 0;
    logger.info(`[ai-gateway] [cache] [${storeInUse().name}] the cache store works again`);
  };

  return {
    maxEntryBytes: options.maxEntryBytes ?? defaultMaxCacheEntryBytes,
    async get(key) {
      if (isPaused()) return undefined;
      try {
        const answer = await storeInUse().get(key);
        recordSuccess();
        return answer;
      } catch (error) {
        recordFailure('get', error);
        return undefined;
      }
    },
    async set(key, answer, ttlMs) {
      if (isPaused()) return;
      try {
        await storeInUse().set(key, answer, ttlMs);
        recordSuccess();
      } catch (error) {
        recordFailure('set', error);
      }
    },
  };
}
