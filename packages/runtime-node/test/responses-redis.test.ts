/**
 * Stored responses in a real Redis (127.0.0.1:6379, or REDIS_URL): the response store conformance
 * suite (Redis and memory), and a response stored by one gateway continued by a second gateway
 * process (the `ai-gateway` command with AI_GATEWAY_REDIS_URL), on an anthropic target. Every run
 * uses its own key prefix and deletes its keys afterwards.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryResponseStore } from '@ai-gateway/core';
import { describeResponseStoreConformance, sendJson, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { createRedisResponseStore } from '../src/index.js';
import { startTestGateway } from './node-harness.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `ai-gateway-test:${process.pid}:${Date.now()}:`;
const apiKey = 'sk-ant-redis-secret-key';
let redis: Redis;
let upstream: MockUpstream;

beforeAll(async () => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  upstream = await startMockUpstream((_, response) => sendJson(response, 200, {
    id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'Noted, Ada.' }],
    stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 3 },
  }));
});
afterAll(async () => {
  const keys = await redis.keys(`${runPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await upstream.close();
});

const clientFor = (url: string) => new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` } });

/** The `ai-gateway` command in a process of its own, with the given environment. */
async function startCommand(environment: Record<string, string>) {
  const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const child = spawn(process.execPath, [cliPath, '--port', '0', '--host', '127.0.0.1'], { env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`ai-gateway exited with ${code}`)));
  });
  return { url, close: () => child.kill('SIGKILL') };
}

describeResponseStoreConformance('redis', {
  create: () => createRedisResponseStore({ url: redisUrl, keyPrefix: `${runPrefix}conformance:` }),
  cleanup: async (store) => store.close?.(),
});

describeResponseStoreConformance('memory', { create: () => createMemoryResponseStore() });

describe('stored responses in Redis', () => {
  it('are continued by a second gateway process sharing the Redis, and hold no API key', async () => {
    const prefix = `${runPrefix}shared:`;
    const first = await startTestGateway({ redisUrl, redisKeyPrefix: prefix });
    const second = await startCommand({ AI_GATEWAY_REDIS_URL: redisUrl, AI_GATEWAY_REDIS_KEY_PREFIX: prefix });
    try {
      const created = await clientFor(first.url).responses.create({ model: 'claude-sonnet-4-5', input: 'My name is Ada.' });
      expect(created).toMatchObject({ store: true });
      const stored = await redis.get(`${prefix}responses:${created.id}`);
      expect(stored).not.toBeNull();
      expect(stored).not.toContain(apiKey);
      expect(await redis.pttl(`${prefix}responses:${created.id}`)).toBeGreaterThan(29 * 24 * 3600 * 1000);

      const retrieved = await clientFor(second.url).responses.retrieve(created.id);
      expect(retrieved.output_text).toBe('Noted, Ada.');
      const continued = await clientFor(second.url).responses.create({ model: 'claude-sonnet-4-5', previous_response_id: created.id, input: 'What is my name?' });
      expect(continued.previous_response_id).toBe(created.id);
      expect(upstream.requests.at(-1)!.json.messages).toEqual([
        { role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: 'Noted, Ada.' },
        { role: 'user', content: 'What is my name?' },
      ]);

      // Deleted on the second, gone on the first.
      await clientFor(second.url).responses.delete(created.id);
      const failure = await clientFor(first.url).responses.retrieve(created.id).then(() => undefined, (error: InstanceType<typeof OpenAI.APIError>) => error);
      expect(failure?.status).toBe(404);
    } finally {
      second.close();
      await first.close();
    }
  });
});
