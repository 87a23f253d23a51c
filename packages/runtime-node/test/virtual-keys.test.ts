/**
 * Virtual keys end to end: stored through the admin API, named by requests (header and config
 * target) for openai, azure-openai and bedrock upstreams, rotated without a restart, refused when
 * a request tries to steer them, limited by a gateway key's allowances, and never visible: not in
 * an admin answer, the logs API, /metrics, the gateway's log lines or the SQLite files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthy, recordingLogger, sendJson, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { parseServerConfig } from '@ai-gateway/core';
import { startGateway, type RunningGateway } from '../src/index.js';

const adminToken = 'admin-token-for-virtual-keys';
const secrets = {
  openai: 'sk-virtual-openai-secret-4f3e2d1c0b',
  rotated: 'sk-virtual-rotated-secret-9a8b7c6d5e',
  azure: 'azure-virtual-api-key-1a2b3c4d5e6f',
  awsSecret: 'aws-virtual-secret-access-key-7e6d5c4b3a',
  awsSession: 'aws-virtual-session-token-2c3d4e5f6a7b',
};
const awsAccessKeyId = 'AKIAVIRTUALKEY123456';
const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-virtual-keys-'));
const secretKey = randomBytes(32);
const logger = recordingLogger();
let openaiUpstream: MockUpstream;
let azureUpstream: MockUpstream;
let bedrockUpstream: MockUpstream;
let gateway: RunningGateway;

const converseAnswer = { output: { message: { role: 'assistant', content: [{ text: 'Hello from Bedrock' }] } }, stopReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 } };

const start = (options: { secretKey?: Uint8Array } = { secretKey }) => startGateway({
  port: 0,
  host: '127.0.0.1',
  logger,
  stateDb: join(folder, 'state.db'),
  logDb: join(folder, 'logs.db'),
  admin: { token: adminToken, requireToken: false },
  circuitBreaker: false,
  // A model alias of the operator's own that calls with a stored virtual key.
  serverConfig: () => operatorConfig,
  ...options,
});
const operatorConfig = parseServerConfig({ models: { 'team-gpt': { virtual_key: 'openai-prod', override_params: { model: 'gpt-4o-mini' } } } }, {});

beforeAll(async () => {
  [openaiUpstream, azureUpstream, bedrockUpstream] = await Promise.all([
    startMockUpstream(healthy),
    startMockUpstream(healthy),
    startMockUpstream((_, response) => sendJson(response, 200, converseAnswer)),
  ]);
  gateway = await start();
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([openaiUpstream, azureUpstream, bedrockUpstream].map((server) => server?.close()));
  rmSync(folder, { recursive: true, force: true });
});

const admin = (method: string, path: string, body?: unknown, token: string | null = adminToken) => fetch(`${gateway.url}${path}`, {
  method,
  headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const chat = (headers: Record<string, string>, model = 'gpt-4o-mini') => fetch(`${gateway.url}/v1/chat/completions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
});
const answers: string[] = [];
/** Every admin answer's text, kept for the search for secrets. */
const adminText = async (response: Response) => {
  const text = await response.text();
  answers.push(text);
  return text;
};

describe('virtual keys', () => {
  it('refuses the admin API without the admin token', async () => {
    expect((await admin('GET', '/admin/virtual-keys', undefined, null)).status).toBe(401);
    expect((await admin('POST', '/admin/virtual-keys', { id: 'x', provider: 'openai', api_key: 'sk-x' }, 'wrong')).status).toBe(401);
    expect((await admin('DELETE', '/admin/virtual-keys/x', undefined, null)).status).toBe(401);
  });

  it.each([
    [{ id: 'a', provider: 'openai', api_kye: 'sk' }, 'api_kye', /did you mean 'api_key'/],
    [{ provider: 'openai', api_key: 'sk' }, 'id', /'id' is required/],
    [{ id: 'has space', provider: 'openai' }, 'id', /letters, digits/],
    [{ id: 'a', provider: 'opneai', api_key: 'sk' }, 'provider', /did you mean 'openai'/],
    [{ id: 'a', provider: 'openai', api_key: '' }, 'api_key', /non-empty/],
    [{ id: 'a', provider: 'azure-openai', api_key: 'sk', settings: { azure_resource_nmae: 'r' } }, 'settings.azure_resource_nmae', /did you mean 'settings.azure_resource_name'/],
    [{ id: 'a', provider: 'bedrock', settings: { aws_region: 5 } }, 'settings.aws_region', /type string/],
    [{ id: 'a', provider: 'openai', custom_host: 'ftp://x' }, 'custom_host', /http/],
  ])('answers 400 naming the field for %j', async (body, param, message) => {
    const response = await admin('POST', '/admin/virtual-keys', body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });

  it('stores keys and answers 201 without their secrets', async () => {
    const created = await admin('POST', '/admin/virtual-keys', { id: 'openai-prod', provider: 'openai', api_key: secrets.openai, custom_host: `${openaiUpstream.origin}/v1` });
    expect(created.status).toBe(201);
    const shown = JSON.parse(await adminText(created));
    expect(shown).toMatchObject({ object: 'virtual_key', id: 'openai-prod', provider: 'openai', api_key: '***' });
    expect((await admin('POST', '/admin/virtual-keys', {
      id: 'azure-eu', provider: 'azure-openai', api_key: secrets.azure, custom_host: `${azureUpstream.origin}/openai`,
      settings: { azure_resource_name: 'contoso-eu', azure_deployment_id: 'gpt4o-deploy', azure_api_version: '2024-10-21' },
    })).status).toBe(201);
    const bedrock = await admin('POST', '/admin/virtual-keys', {
      id: 'bedrock-west', provider: 'bedrock', custom_host: bedrockUpstream.origin,
      settings: { aws_region: 'eu-west-3', aws_access_key_id: awsAccessKeyId, aws_secret_access_key: secrets.awsSecret, aws_session_token: secrets.awsSession },
    });
    expect(bedrock.status).toBe(201);
    expect(JSON.parse(await adminText(bedrock)).settings).toEqual({ aws_region: 'eu-west-3', aws_access_key_id: '***', aws_secret_access_key: '***', aws_session_token: '***' });
    const duplicate = await admin('POST', '/admin/virtual-keys', { id: 'openai-prod', provider: 'openai', api_key: 'sk-other-key' });
    expect(duplicate.status).toBe(409);
    const listed = JSON.parse(await adminText(await admin('GET', '/admin/virtual-keys')));
    expect(listed.data.map((key: { id: string }) => key.id)).toEqual(['openai-prod', 'azure-eu', 'bedrock-west']);
    await adminText(await admin('GET', '/admin/virtual-keys/azure-eu'));
    expect((await admin('GET', '/admin/virtual-keys/nope')).status).toBe(404);
  });

  it('calls openai with the stored key, named by the header, with an unmodified openai client', async () => {
    const client = new OpenAI({ apiKey: 'unused-by-the-gateway', baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-virtual-key': 'openai-prod' } });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0].message.content).toBe('Hello from the mock upstream');
    expect(openaiUpstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secrets.openai}`);
  });

  it("calls with a virtual key named in the operator's config file (a model alias)", async () => {
    const client = new OpenAI({ apiKey: 'unused-by-the-gateway', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'team-gpt', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0].message.content).toBe('Hello from the mock upstream');
    const seen = openaiUpstream.requests.at(-1)!;
    expect(seen.headers.authorization).toBe(`Bearer ${secrets.openai}`);
    expect(seen.json.model).toBe('gpt-4o-mini');
  });

  it('refuses a config file target that names a virtual key and its own key or host', () => {
    expect(() => parseServerConfig({ models: { bad: { virtual_key: 'openai-prod', api_key: 'sk-other' } } }, {})).toThrow(/models\.bad\.api_key': a target with a virtual_key takes its key from the virtual key/);
  });

  it('calls azure-openai at the stored deployment with the stored api-key, named by a config target', async () => {
    const response = await chat({ 'x-portkey-config': JSON.stringify({ virtual_key: 'azure-eu' }) });
    expect(response.status).toBe(200);
    const seen = azureUpstream.requests.at(-1)!;
    expect(seen.url).toBe('/openai/deployments/gpt4o-deploy/chat/completions?api-version=2024-10-21');
    expect(seen.headers['api-key']).toBe(secrets.azure);
    expect(seen.headers.authorization).toBeUndefined();
  });

  it('signs a bedrock call (SigV4) with the stored keys for the stored region, in a fallback', async () => {
    const config = { strategy: { mode: 'fallback' }, targets: [{ virtual_key: 'bedrock-west', override_params: { model: 'anthropic.claude-3-5-sonnet-20241022-v2:0' } }, { virtual_key: 'openai-prod' }] };
    const response = await chat({ 'x-portkey-config': JSON.stringify(config) });
    expect(response.status).toBe(200);
    expect((await response.json()).choices[0].message.content).toBe('Hello from Bedrock');
    const seen = bedrockUpstream.requests.at(-1)!;
    expect(seen.url).toBe('/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse');
    expect(String(seen.headers.authorization)).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${awsAccessKeyId}/\\d{8}/eu-west-3/bedrock/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$`));
    expect(seen.headers['x-amz-security-token']).toBe(secrets.awsSession);
  });

  it('answers 400 naming an unknown virtual key', async () => {
    const byHeader = await chat({ 'x-portkey-virtual-key': 'missing-key' });
    expect(byHeader.status).toBe(400);
    expect((await byHeader.json()).error).toMatchObject({ code: 'virtual_key_not_found', param: 'x-portkey-virtual-key' });
    const byConfig = await chat({ 'x-portkey-config': JSON.stringify({ targets: [{ virtual_key: 'openai-prod' }, { virtual_key: 'missing-key' }], strategy: { mode: 'fallback' } }) });
    expect(byConfig.status).toBe(400);
    expect((await byConfig.json()).error).toMatchObject({ code: 'virtual_key_not_found', param: 'targets[1].virtual_key' });
  });

  it.each([
    [{ 'x-portkey-virtual-key': 'openai-prod', 'x-portkey-custom-host': 'http://127.0.0.1:9/v1' }, 'x-portkey-custom-host'],
    [{ 'x-portkey-virtual-key': 'openai-prod', 'x-portkey-provider': 'groq' }, 'x-portkey-provider'],
    [{ 'x-portkey-virtual-key': 'bedrock-west', 'x-portkey-aws-region': 'us-east-1' }, 'x-portkey-aws-region'],
    [{ 'x-portkey-virtual-key': 'openai-prod', 'x-portkey-forward-headers': 'x-tenant' }, 'x-portkey-forward-headers'],
    [{ 'x-portkey-config': JSON.stringify({ virtual_key: 'openai-prod', custom_host: 'http://127.0.0.1:9/v1' }) }, 'custom_host'],
    [{ 'x-portkey-config': JSON.stringify({ targets: [{ virtual_key: 'azure-eu', azure_resource_name: 'evil' }] }) }, 'targets[0].azure_resource_name'],
    [{ 'x-portkey-config': JSON.stringify({ custom_host: 'http://127.0.0.1:9/v1', targets: [{ virtual_key: 'openai-prod', custom_host: 'http://127.0.0.1:9/v1' }] }) }, 'targets[0].custom_host'],
  ])('refuses a request that would steer the stored credential: %j', async (headers, param) => {
    const before = openaiUpstream.requests.length + azureUpstream.requests.length + bedrockUpstream.requests.length;
    const response = await chat(headers);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'virtual_key_override', param });
    expect(openaiUpstream.requests.length + azureUpstream.requests.length + bedrockUpstream.requests.length).toBe(before);
  });

  it('drops an inherited custom host for a target with its own virtual key', async () => {
    const config = { custom_host: 'http://127.0.0.1:9/v1', targets: [{ virtual_key: 'openai-prod' }] };
    expect((await chat({ 'x-portkey-config': JSON.stringify(config) })).status).toBe(200);
    expect(openaiUpstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secrets.openai}`);
  });

  it('rotates a key with PATCH, taking effect on the next request without a restart', async () => {
    expect((await admin('PATCH', '/admin/virtual-keys/openai-prod', { api_kye: 'x' })).status).toBe(400);
    expect((await admin('PATCH', '/admin/virtual-keys/openai-prod', {})).status).toBe(400);
    expect((await admin('PATCH', '/admin/virtual-keys/nope', { api_key: 'sk-nope-key' })).status).toBe(404);
    const rotated = await admin('PATCH', '/admin/virtual-keys/openai-prod', { api_key: secrets.rotated });
    expect(rotated.status).toBe(200);
    expect(JSON.parse(await adminText(rotated)).api_key).toBe('***');
    expect((await chat({ 'x-portkey-virtual-key': 'openai-prod' })).status).toBe(200);
    expect(openaiUpstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secrets.rotated}`);
  });

  it('removes a key with DELETE', async () => {
    expect((await admin('DELETE', '/admin/virtual-keys/azure-eu')).status).toBe(200);
    expect((await admin('DELETE', '/admin/virtual-keys/azure-eu')).status).toBe(404);
    expect((await chat({ 'x-portkey-virtual-key': 'azure-eu' })).status).toBe(400);
  });

  it('limits a gateway key to its allowed_virtual_keys and allowed_providers', async () => {
    const create = async (body: Record<string, unknown>) => ((await (await admin('POST', '/admin/keys', body)).json()) as { key: string }).key;
    const onlyOpenai = await create({ name: 'openai-only', allowed_virtual_keys: ['openai-prod'] });
    const anthropicOnly = await create({ name: 'anthropic-only', allowed_providers: ['anthropic'] });
    expect((await chat({ authorization: `Bearer ${onlyOpenai}`, 'x-portkey-virtual-key': 'openai-prod' })).status).toBe(200);
    const refused = await chat({ authorization: `Bearer ${onlyOpenai}`, 'x-portkey-virtual-key': 'bedrock-west' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('virtual_key_not_allowed');
    const otherProvider = await chat({ authorization: `Bearer ${anthropicOnly}`, 'x-portkey-virtual-key': 'openai-prod' });
    expect(otherProvider.status).toBe(403);
    expect((await otherProvider.json()).error.code).toBe('provider_not_allowed');
    // The gateway key itself never went upstream.
    expect(openaiUpstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secrets.rotated}`);
  });

  it("prices a budgeted gateway key's request by the provider of the virtual key it names", async () => {
    const created = await admin('POST', '/admin/keys', { name: 'budgeted', budget: { usd: 5, period: 'month' } });
    const { key } = (await created.json()) as { key: string };
    const answered = await chat({ authorization: `Bearer ${key}`, 'x-portkey-virtual-key': 'openai-prod' });
    expect(answered.status).toBe(200);
  });

  it('keeps every secret out of admin answers, the logs API, /metrics, log lines and the SQLite files', async () => {
    await gateway.close();
    // Reopened: the records are written, and the start-up check opens the stored keys.
    gateway = await start();
    const auth = { authorization: `Bearer ${adminToken}` };
    const places: Record<string, string> = {
      admin: answers.join('\n') + (await (await admin('GET', '/admin/virtual-keys')).text()),
      logs: await (await fetch(`${gateway.url}/public/api/logs?limit=500`, { headers: auth })).text(),
      metrics: await (await fetch(`${gateway.url}/metrics`, { headers: auth })).text(),
      logLines: JSON.stringify(logger.lines),
    };
    expect(places.logs).toContain('bedrock');
    expect(places.metrics).toContain('ai_gateway_requests_total');
    const files = readdirSync(folder).filter((name) => name.startsWith('state.db') || name.startsWith('logs.db'));
    expect(files).toContain('state.db');
    expect(files).toContain('logs.db');
    for (const name of files) places[name] = readFileSync(join(folder, name)).toString('latin1');
    expect(places['state.db']).toContain('eu-west-3');
    for (const [place, text] of Object.entries(places)) {
      for (const [name, secret] of Object.entries(secrets)) expect(text.includes(secret), `${name} in ${place}`).toBe(false);
    }
  });

  it('stops start-up naming AI_GATEWAY_SECRET_KEY when it is missing or wrong', async () => {
    await expect(start({ secretKey: undefined })).rejects.toThrow(/AI_GATEWAY_SECRET_KEY is not set/);
    await expect(start({ secretKey: randomBytes(32) })).rejects.toThrow(/do not open with AI_GATEWAY_SECRET_KEY/);
  });
});
