/**
 * The access store conformance suite against every store: memory (core), a SQLite file, and a
 * real Redis (127.0.0.1:6379, or REDIS_URL) under a prefix of this run, deleted afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { createMemoryAccessStore } from '@ai-gateway/core';
import { describeAccessStoreConformance } from '@ai-gateway/testing';
import { createRedisAccessStore, createSqliteAccessStore } from '../src/index.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `ai-gateway-test:${process.pid}:${Date.now()}:access:`;
const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-access-'));

afterAll(async () => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${runPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(folder, { recursive: true, force: true });
});

describeAccessStoreConformance('memory', { create: () => createMemoryAccessStore() });
describeAccessStoreConformance('sqlite', {
  create: () => createSqliteAccessStore({ path: join(folder, 'state.db') }),
  cleanup: async (store) => store.close?.(),
});
describeAccessStoreConformance('redis', {
  create: () => createRedisAccessStore({ url: redisUrl, keyPrefix: runPrefix }),
  cleanup: async (store) => store.close?.(),
});
