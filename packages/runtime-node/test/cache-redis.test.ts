/**
 * The response cache in a real Redis (127.0.0.1:6379, or REDIS_URL): shared by two gateway
 * instances, harmless when Redis cannot be reached, and chosen by AI_GATEWAY_REDIS_URL in the
 * `ai-gateway` command. Every run uses its own key prefix and deletes its keys afterwards.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from '@ai-gateway/core';
import { closedPort, describeCacheStoreConformance, openAIMockHandler, recordingLogger, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { createRedisCacheStore, type RunningGateway } from '../src/index.js';
import { startTestGateway } from './node-harness.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `ai-gateway-test:${process.pid}:${Date.now()}:`;
let redis: Redis;
let upstream: MockUpstream;

beforeAll(async () => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  upstream = await startMockUpstream(openAIMockHandler());
});
afterAll(async () => {
  const keys = await redis.keys(`${runPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

const config = () => ({ cache: { mode: 'simple' }, provider: 'openai', custom_host: `${upstream.origin}/v1` });

function clientFor(gateway: RunningGateway | string) {
  return new OpenAI({
    apiKey: 'sk-redis-secret-key',
    baseURL: `${typeof gateway === 'string' ? gateway : gateway.url}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-config': JSON.stringify(config()) },
  });
}

/** The cache writes after answering: wait until `count` keys under `prefix` are in Redis. */
async function storedKeys(prefix: string, count = 1): Promise<string[]> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length >= count) return keys;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no cache entry appeared under ${prefix}`);
}

const question = (text: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: text }] });

describeCacheStoreConformance('redis', {
  create: () => createRedisCacheStore({ url: redisUrl, keyPrefix: `${runPrefix}conformance:` }),
  cleanup: async (store) => store.close?.(),
});

describeCacheStoreConformance('memory', { create: () => createMemoryCacheStore() });

describe('cache in Redis', () => {
  it('is shared by two gateway instances, under hashed keys that hold no API key', async () => {
    const prefix = `${runPrefix}shared:`;
    const first = await startTestGateway({ redisUrl, redisKeyPrefix: prefix });
    const second = await startTestGateway({ redisUrl, redisKeyPrefix: prefix });
    try {
      const body = question('shared between instances');
      const fromFirst = await clientFor(first).chat.completions.create(body).withResponse();
      expect(fromFirst.response.headers.get('x-portkey-cache-status')).toBe('MISS');
      const [key] = await storedKeys(prefix);
      expect(key.slice(prefix.length)).toMatch(/^[0-9a-f]{64}$/);
      expect((await redis.getBuffer(key))!.includes('sk-redis-secret-key')).toBe(false);
      const ttlSeconds = await redis.ttl(key);
      expect(ttlSeconds).toBeGreaterThan(7 * 24 * 3600 - 60);
      expect(ttlSeconds).toBeLessThanOrEqual(7 * 24 * 3600);

      const fromSecond = await clientFor(second).chat.completions.create(body).withResponse();
      expect(fromSecond.response.headers.get('x-portkey-cache-status')).toBe('HIT');
      expect(fromSecond.data).toEqual(fromFirst.data);
      expect(upstream.requests).toHaveLength(1);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('answers from the upstream when Redis cannot be reached, and logs it once', async () => {
    const logger = recordingLogger();
    const gateway = await startTestGateway({ redisUrl: `redis://127.0.0.1:${await closedPort()}`, logger });
    try {
      const client = clientFor(gateway);
      for (let request = 0; request < 3; request += 1) {
        const answer = await client.chat.completions.create(question('redis is down')).withResponse();
        expect(answer.response.status).toBe(200);
        expect(answer.response.headers.get('x-portkey-cache-status')).toBe('MISS');
      }
      expect(upstream.requests).toHaveLength(3);
      // The access store (keys live in the same Redis) says once, on its own line, that it is down
      // too; start-up adds that it could not check the virtual keys against the secret key.
      const warnings = logger.lines.filter((line) => line.level === 'warn' && !line.message.includes('access store'));
      expect(warnings).toHaveLength(1);
      expect(logger.lines.filter((line) => line.message.startsWith('the access store is unavailable'))).toHaveLength(1);
      expect(warnings[0].message).toContain('[cache] [redis]');
    } finally {
      await gateway.close();
    }
  });

  it('is what the ai-gateway command uses when AI_GATEWAY_REDIS_URL is set', async () => {
    const prefix = `${runPrefix}cli:`;
    const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cliPath, '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, AI_GATEWAY_REDIS_URL: redisUrl, AI_GATEWAY_REDIS_KEY_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout!.on('data', (chunk) => {
          output += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`ai-gateway exited with ${code}`)));
      });
      const body = question('through the command');
      await clientFor(url).chat.completions.create(body);
      await storedKeys(prefix);
      const again = await clientFor(url).chat.completions.create(body).withResponse();
      expect(again.response.headers.get('x-portkey-cache-status')).toBe('HIT');
      expect(upstream.requests).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
