/**
 * Gateway keys end to end on one machine: the admin API, the key check on requests (openai and
 * anthropic clients), allowances, a rate limit, revocation seen by a second gateway sharing the
 * SQLite state file, and the `ai-gateway keys` command's round trip.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerConfig, silentLogger } from '@ai-gateway/core';
import { chatCompletion, recordingLogger, sendJson, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { startGateway, type RunningGateway } from '../src/index.js';

const adminToken = 'admin-token-for-tests';
const operatorKey = 'sk-operator-secret-upstream-key';
const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-access-'));
const stateDb = join(folder, 'state.db');
const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let upstream: MockUpstream;
let gateway: RunningGateway;
let second: RunningGateway;

const startOn = (state: string) => startGateway({
  port: 0,
  host: '127.0.0.1',
  logger: silentLogger,
  stateDb: state,
  admin: { token: adminToken, requireToken: false },
  serverConfig: () => serverConfig,
});
let serverConfig: ReturnType<typeof parseServerConfig>;

beforeAll(async () => {
  upstream = await startMockUpstream((request, response) => sendJson(response, 200, chatCompletion(request.json?.model ?? 'none')));
  const target = (model: string) => ({ provider: 'openai', api_key: operatorKey, custom_host: `${upstream.origin}/v1`, override_params: { model } });
  serverConfig = parseServerConfig({ models: { 'gpt-4o-mini': target('gpt-4o-mini'), 'o3-mini': target('o3-mini') }, configs: { approved: target('gpt-4o-mini'), other: target('o3-mini') } }, {});
  gateway = await startOn(stateDb);
  second = await startOn(stateDb);
});
afterAll(async () => {
  await Promise.all([gateway.close(), second.close(), upstream.close()]);
  rmSync(folder, { recursive: true, force: true });
});

const admin = (method: string, path: string, body?: unknown, token: string | null = adminToken) => fetch(`${gateway.url}${path}`, {
  method,
  headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
  body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
});
const clientOf = (url: string, apiKey: string) => new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0 });
const ask = (url: string, apiKey: string, model = 'gpt-4o-mini') => clientOf(url, apiKey).chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });
const statusOf = async (promise: Promise<unknown>) => promise.then(() => 200, (error: { status?: number }) => error.status);
/** Waits out the last seconds of a minute, so a few requests fall in one rate window. */
const awayFromWindowEnd = async () => {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_200 - intoMinute));
};
const createKey = async (body: Record<string, unknown>) => {
  const response = await admin('POST', '/admin/keys', body);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; key: string; prefix: string };
};

describe('gateway keys', () => {
  it('lets requests in without a key while none exists', async () => {
    expect((await ask(gateway.url, 'anything')).choices[0].message.content).toBe('Hello from the mock upstream');
  });

  it('refuses the admin API without the admin token, even on loopback', async () => {
    expect((await admin('GET', '/admin/keys', undefined, null)).status).toBe(401);
    expect((await admin('POST', '/admin/keys', { name: 'x' }, 'wrong')).status).toBe(401);
    expect((await admin('GET', '/admin/keys')).status).toBe(200);
  });

  it.each([
    ['POST', '/admin/keys', { name: 'a', alowed_models: ['x'] }, 'alowed_models', /did you mean 'allowed_models'/],
    ['POST', '/admin/keys', { allowed_models: ['x'] }, 'name', /'name' is required/],
    ['POST', '/admin/keys', { name: 'a', rate_limits: { requests_per_minute: -1 } }, 'rate_limits.requests_per_minute', /whole number/],
    ['POST', '/admin/keys', { name: 'a', rate_limits: { rpm: 3 } }, 'rate_limits.rpm', /Unknown field/],
    ['POST', '/admin/keys', { name: 'a', budget: { usd: 5, period: 'week' } }, 'budget.period', /day, month, total/],
    ['POST', '/admin/keys', { name: 'a', expires_at: 'tomorrow' }, 'expires_at', /ISO 8601/],
    ['POST', '/admin/keys', { name: 'a', metadata: { team: 3 } }, 'metadata.team', /string/],
    ['POST', '/admin/keys', '{"name": ', 'body', /not valid JSON/],
    ['PATCH', '/admin/keys/key_x', { nmae: 'b' }, 'nmae', /did you mean 'name'/],
    ['PATCH', '/admin/keys/key_x', {}, 'body', /Nothing to change/],
    ['PATCH', '/admin/keys/key_x', { name: null }, 'name', /cannot be removed/],
  ])('%s %s %j: 400 naming %s', async (method, path, body, param, message) => {
    const response = await admin(method, path, body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });

  it('answers 404 for an unknown key id on every id endpoint', async () => {
    for (const [method, body] of [['GET'], ['PATCH', { name: 'b' }], ['DELETE']] as const) {
      expect((await admin(method, '/admin/keys/key_unknown', body)).status).toBe(404);
    }
  });

  it('creates a key shown once, stored only hashed, and then needs it on every request', async () => {
    const created = await createKey({ name: 'search team', allowed_models: ['gpt-4o*'], metadata: { team: 'search' } });
    expect(created.key).toMatch(/^aig-[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    const listed = await (await admin('GET', '/admin/keys')).json();
    const shown = JSON.stringify(listed);
    expect(shown).toContain(created.id);
    expect(shown).not.toContain(created.key);
    expect(shown).not.toContain('"hash"');
    expect(JSON.stringify(await (await admin('GET', `/admin/keys/${created.id}`)).json())).not.toContain(created.key);
    expect(readFileSync(stateDb).includes(created.key)).toBe(false);

    // A provider key where a gateway key belongs is no gateway key.
    await expect(ask(gateway.url, 'sk-not-a-gateway-key')).rejects.toMatchObject({ status: 401, code: 'missing_api_key' });
    await expect(ask(gateway.url, `${created.key.slice(0, -1)}x`)).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    // A second instance noticed the first key within a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(ask(second.url, 'sk-anything')).rejects.toMatchObject({ status: 401 });

    upstream.requests.length = 0;
    expect((await ask(gateway.url, created.key)).choices[0].message.content).toBe('Hello from the mock upstream');
    // The provider saw the operator's key, never the gateway key.
    expect(upstream.requests[0].headers.authorization).toBe(`Bearer ${operatorKey}`);
    expect(JSON.stringify(upstream.requests[0].headers)).not.toContain(created.key);

    const logs = await (await fetch(`${gateway.url}/public/api/logs?limit=1`)).json();
    expect(logs.data[0]).toMatchObject({ key_id: created.id, metadata: { team: 'search' }, status: 200 });
    expect(JSON.stringify(logs)).not.toContain(created.key);
  });

  it('refuses a model or provider the key may not use with a 403', async () => {
    const created = await createKey({ name: 'narrow', allowed_models: ['gpt-4o*'], allowed_providers: ['anthropic'] });
    await expect(ask(gateway.url, created.key, 'o3-mini')).rejects.toMatchObject({ status: 403 });
    await admin('PATCH', `/admin/keys/${created.id}`, { allowed_providers: null });
    expect(await statusOf(ask(gateway.url, created.key, 'gpt-4o-mini'))).toBe(200);
    const refused = await statusOf(ask(gateway.url, created.key, 'o3-mini'));
    expect(refused).toBe(403);
  });

  it("limits a key to its allowed_configs: another named config or a config of the request's own is a 403", async () => {
    const created = await createKey({ name: 'configs', allowed_configs: ['approved'] });
    const withConfig = (config: string) => clientOf(gateway.url, created.key).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, { headers: { 'x-portkey-config': config } });
    expect(await statusOf(withConfig('approved'))).toBe(200);
    const other = await withConfig('other').catch((error) => error);
    expect(other.status).toBe(403);
    expect(other.error.code).toBe('config_not_allowed');
    const own = await withConfig(JSON.stringify({ provider: 'openai', api_key: 'sk-own', custom_host: 'http://127.0.0.1:9/v1' })).catch((error) => error);
    expect(own.status).toBe(403);
    expect(own.error.code).toBe('config_not_allowed');
  });

  it('takes the key from an unmodified anthropic client, and refuses a wrong one in its error shape', async () => {
    const created = await createKey({ name: 'claude users' });
    const anthropic = (apiKey: string) => new Anthropic({ apiKey, baseURL: gateway.url, maxRetries: 0 });
    const message = await anthropic(created.key).messages.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the mock upstream' });
    const refused = await anthropic('aig-wrong').messages.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).catch((error) => error);
    expect(refused.status).toBe(401);
    expect(refused.error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('refuses a revoked key at once here and within a second on the other instance', async () => {
    const created = await createKey({ name: 'short-lived' });
    expect(await statusOf(ask(second.url, created.key))).toBe(200);
    const revoked = await (await admin('DELETE', `/admin/keys/${created.id}`)).json();
    expect(revoked.revoked_at).toEqual(expect.any(String));
    await expect(ask(gateway.url, created.key)).rejects.toMatchObject({ status: 401, code: 'revoked_api_key' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expect(ask(second.url, created.key)).rejects.toMatchObject({ status: 401, code: 'revoked_api_key' });
  });

  it('refuses an expired key', async () => {
    const created = await createKey({ name: 'expired', expires_at: new Date(Date.now() - 1000).toISOString() });
    await expect(ask(gateway.url, created.key)).rejects.toMatchObject({ status: 401, code: 'expired_api_key' });
  });

  it('answers 429 past the request rate, with Retry-After and the limit in x-ratelimit headers', async () => {
    const created = await createKey({ name: 'slow', rate_limits: { requests_per_minute: 3 } });
    const send = () => fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    const answers = [];
    await awayFromWindowEnd();
    for (let index = 0; index < 4; index += 1) answers.push(await send());
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0].headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(answers[0].headers.get('x-ratelimit-remaining-requests')).toBe('2');
    const refused = answers[3];
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect((await refused.json()).error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
  });

  it('counts tokens a minute from the answers: the input reserved before, the real usage settled after', async () => {
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    const estimate = Math.ceil(Buffer.byteLength(body) / 3);
    // Each mock answer uses 14 tokens: the second request fits only once the first settled to 14, the third does not.
    const created = await createKey({ name: 'tokens', rate_limits: { tokens_per_minute: 20 + estimate } });
    const send = () => fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' }, body });
    const statuses: number[] = [];
    await awayFromWindowEnd();
    for (let index = 0; index < 3; index += 1) {
      const answer = await send();
      statuses.push(answer.status);
      if (answer.status === 429) {
        expect(answer.headers.get('x-ratelimit-limit-tokens')).toBe(String(20 + estimate));
        expect((await answer.json()).error).toMatchObject({ type: 'tokens', code: 'rate_limit_exceeded' });
      } else await answer.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

/** Runs `ai-gateway keys ...` against the same state file. */
function keysCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliPath, 'keys', ...args], { env: { ...process.env, AI_GATEWAY_STATE_DB: stateDb, AI_GATEWAY_REDIS_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('ai-gateway keys', () => {
  it('creates a key (alone on stdout) the gateway takes, lists it, and revokes it', async () => {
    const created = await keysCommand(['create', '--name', 'ci', '--allowed_models', 'gpt-4o*,o3*', '--rate_limits.requests_per_minute', '100']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^aig-[A-Za-z0-9_-]{43}\n$/);
    const key = created.stdout.trim();
    expect(await statusOf(ask(gateway.url, key))).toBe(200);

    const listed = await keysCommand(['list', '--json']);
    const entry = JSON.parse(listed.stdout).find((item: { name: string }) => item.name === 'ci');
    expect(entry).toMatchObject({ allowed_models: ['gpt-4o*', 'o3*'], rate_limits: { requests_per_minute: 100 } });
    expect(listed.stdout).not.toContain(key);

    const revoked = await keysCommand(['revoke', entry.id]);
    expect(revoked.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expect(ask(gateway.url, key)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a bad flag with one line naming the field', async () => {
    const result = await keysCommand(['create', '--name', 'x', '--budget.usd', 'lots']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/'budget.usd' must be an amount/);
    expect(result.stdout).toBe('');
  });
});

describe('start-up beyond loopback', () => {
  const startWide = async (requireKeys: boolean | undefined, state: string) => {
    const logger = recordingLogger();
    const running = await startGateway({ port: 0, host: '0.0.0.0', logger, stateDb: state, requireKeys, admin: { token: adminToken, requireToken: true } });
    await running.close();
    return logger.lines.filter((line) => line.message.includes('THIS GATEWAY IS OPEN'));
  };

  it('warns loudly when no key exists and keys are not required, unless told it is meant', async () => {
    expect(await startWide(undefined, join(folder, 'empty.db'))).toHaveLength(1);
    expect(await startWide(false, join(folder, 'empty.db'))).toHaveLength(0);
    expect(await startWide(true, join(folder, 'empty.db'))).toHaveLength(0);
    // The shared state file holds keys by now.
    expect(await startWide(undefined, stateDb)).toHaveLength(0);
  });
});
