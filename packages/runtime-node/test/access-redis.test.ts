/**
 * Limits that hold across instances: two `ai-gateway` processes sharing a real Redis
 * (127.0.0.1:6379, or REDIS_URL) under a prefix of this run, deleted afterwards. A rate limit of N
 * lets exactly N of 200 concurrent requests through; a budget is never exceeded and its
 * reservations are settled to the real cost; a Redis that cannot be reached refuses with 503.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, closedPort, sendJson, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `ai-gateway-test:${process.pid}:${Date.now()}:`;
const adminToken = 'admin-token-for-redis-tests';
const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-access-redis-'));
const children: ChildProcess[] = [];
let redis: Redis;
let upstream: MockUpstream;
let urls: string[];

/** The `ai-gateway` command in a process of its own. */
async function startCommand(environment: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [cliPath, '--port', '0', '--host', '127.0.0.1'], { env: { ...process.env, AI_GATEWAY_LOG_DB: 'off', ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`ai-gateway exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  upstream = await startMockUpstream((request, response) => sendJson(response, 200, chatCompletion(request.json?.model ?? 'none')));
  const configFile = join(folder, 'gateway.json');
  const target = (model: string) => ({ provider: 'openai', api_key: 'sk-operator', custom_host: `${upstream.origin}/v1`, override_params: { model } });
  // $1,000 per million tokens: each token costs a tenth of a cent, so a mock answer (9 + 5 tokens) costs $0.014.
  writeFileSync(configFile, JSON.stringify({ models: { fast: target('fast-model'), priced: target('priced-model') }, prices: { 'openai/priced-model': { input: 1000, output: 1000 } } }));
  const environment = { AI_GATEWAY_REDIS_URL: redisUrl, AI_GATEWAY_REDIS_KEY_PREFIX: runPrefix, AI_GATEWAY_ADMIN_TOKEN: adminToken, AI_GATEWAY_CONFIG: configFile };
  urls = await Promise.all([startCommand(environment), startCommand(environment)]);
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  const keys = await redis.keys(`${runPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await upstream.close();
  rmSync(folder, { recursive: true, force: true });
});

async function createKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const response = await fetch(`${urls[0]}/admin/keys`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return response.json();
}

/** 200 requests at once, half to each process; their statuses. */
async function burst(key: string, model: string): Promise<number[]> {
  return Promise.all(Array.from({ length: 200 }, (_, index) => {
    const client = new OpenAI({ apiKey: key, baseURL: `${urls[index % 2]}/v1`, maxRetries: 0 });
    return client.chat.completions.create({ model, max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).then(() => 200, (error: { status: number }) => error.status);
  }));
}

/** Waits out the end of a minute, so a burst falls in one rate window. */
async function awayFromWindowEnd(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

describe('limits across two gateway processes sharing Redis', () => {
  it('lets exactly the rate limit through of 200 concurrent requests', { timeout: 30_000 }, async () => {
    const { key } = await createKey({ name: 'burst', rate_limits: { requests_per_minute: 37 } });
    await awayFromWindowEnd();
    const statuses = await burst(key, 'fast');
    expect(statuses.filter((status) => status === 200)).toHaveLength(37);
    expect(statuses.filter((status) => status === 429)).toHaveLength(163);
  });

  it('never exceeds a budget, and settles each reservation to the real cost', { timeout: 30_000 }, async () => {
    const { id, key } = await createKey({ name: 'budget', budget: { usd: 0.5, period: 'total' } });
    const first = await burst(key, 'priced');
    const passed = first.filter((status) => status === 200).length;
    expect(passed).toBeGreaterThan(0);
    expect(first.filter((status) => status !== 200).every((status) => status === 402)).toBe(true);
    const counter = `${runPrefix}access:counter:budget:${id}:total`;
    // Settled from the records shortly after the answers: each request's real $0.014.
    await expect.poll(async () => Number(await redis.get(counter)), { timeout: 5_000 }).toBe(passed * 14_000_000);
    // What was given back lets more requests in, up to the budget and never past it.
    const second = await burst(key, 'priced');
    const total = passed + second.filter((status) => status === 200).length;
    expect(total).toBeGreaterThan(passed);
    await expect.poll(async () => Number(await redis.get(counter)), { timeout: 5_000 }).toBe(total * 14_000_000);
    expect(total * 0.014).toBeLessThanOrEqual(0.5);
    // Spending on, one at a time, ends in a 402 with nothing past the budget.
    const client = new OpenAI({ apiKey: key, baseURL: `${urls[1]}/v1`, maxRetries: 0 });
    let refused: { status?: number; code?: string } | undefined;
    for (let attempt = 0; attempt < 60 && !refused; attempt += 1) {
      refused = await client.chat.completions.create({ model: 'priced', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).then(() => undefined, (error) => error);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    expect(refused).toMatchObject({ status: 402, code: 'budget_exceeded' });
    expect(Number(await redis.get(counter))).toBeLessThanOrEqual(500_000_000);
  });
});

describe('a Redis that cannot be reached', () => {
  it('refuses requests with 503 store_unavailable within two seconds', async () => {
    const url = await startCommand({ AI_GATEWAY_REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, AI_GATEWAY_REQUIRE_KEYS: 'true' });
    const started = Date.now();
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer aig-some-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe('store_unavailable');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
