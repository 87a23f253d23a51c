/**
 * No secret a client sends, and none the operator holds, reaches anything the control plane writes
 * or answers: the SQLite file (and its write-ahead log), the logs API (list, one record, stats),
 * the live tail, `/metrics`, the lines an HTTP collector gets, the spans an OTLP collector gets, and
 * the operator's log. Requests carry provider keys every way a client can send them, and upstreams
 * echo them back in errors.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpLogSink } from '@ai-gateway/core';
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { chatChunkEvents, healthy, recordingLogger, sendEvents, sendJson, startMockUpstream, type MockHandler, type MockUpstream } from '@ai-gateway/testing';
import { createOtelTraceSink, type RunningGateway } from '../src/index.js';
import { decodeTraceExport } from './otlp-trace-decoder.js';
import { startTestGateway } from './node-harness.js';

/** Every secret sent below; none may appear anywhere the control plane writes. */
const secrets = {
  configKey: 'sk-config-key-1f0e9d8c7b6a',
  bedrockAccessKeyId: 'AKIAEXAMPLE7Q3W9Z2XV',
  bedrockSecret: 'aws-secret-access-key-5d4c3b2a1f0e',
  bedrockSessionToken: 'aws-session-token-9a8b7c6d5e4f',
  fallbackKey: 'sk-fallback-key-2b3c4d5e6f7a',
  bearer: 'sk-bearer-key-8e7d6c5b4a39',
  xApiKey: 'sk-x-api-key-3c2b1a0f9e8d',
  portkeyApiKey: 'pk-gateway-key-6f5e4d3c2b1a',
  userinfoPassword: 'userinfo-password-4e3d2c1b0a',
  echoedKey: 'sk-echoed-key-7a6b5c4d3e2f',
  vertexServiceAccount: 'vertex-private-key-0b1c2d3e4f5a',
  operatorKey: 'sk-operator-key-5e6f7a8b9c0d',
  streamedKey: 'sk-streamed-key-1a2b3c4d5e6f',
  // The operator's own, for its collectors.
  collectorToken: 'collector-token-8d9e0f1a2b3c',
  otlpToken: 'otlp-token-4c5d6e7f8a9b',
};

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };
const openaiHost = (mock: MockUpstream) => `${mock.origin}/v1`;

/**
 * Fails every call and says, as some providers do, which credentials it got: the key without its
 * `Bearer`, AWS's signature and session token. In OpenAI's and Anthropic's error shape and Bedrock's.
 */
const echoingFailure = (status: number): MockHandler => (request, response) => {
  const got = [request.headers.authorization?.replace(/^Bearer /, ''), request.headers['x-api-key'], request.headers['x-amz-security-token']];
  const message = `Incorrect API key provided: ${got.filter(Boolean).join(' ')}`;
  sendJson(response, status, { message, error: { message, type: 'invalid_request_error', code: 'invalid_api_key' } });
};

/** Streams the start of an answer, then an error event that echoes the key. */
const echoingStream: MockHandler = (request, response) => {
  const key = request.headers.authorization?.replace(/^Bearer /, '');
  const error = `data: ${JSON.stringify({ error: { message: `Key ${key} ran out of quota mid-answer`, type: 'server_error', code: null } })}\n\n`;
  return sendEvents(response, [...chatChunkEvents('gpt-4o-mini', ['Hel']).slice(0, 2), error]);
};

let upstream: MockUpstream;
let failingUpstream: MockUpstream;
let streamingUpstream: MockUpstream;
let downUpstream: MockUpstream;
let httpCollector: MockUpstream;
let otlpCollector: MockUpstream;
let gateway: RunningGateway;
let folder: string;
const logger = recordingLogger();
const traceIds: string[] = [];
let liveTail: Promise<string>;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ai-gateway-secrets-'));
  [upstream, failingUpstream, streamingUpstream, downUpstream, httpCollector, otlpCollector] = await Promise.all([
    startMockUpstream(healthy),
    startMockUpstream(echoingFailure(401)),
    startMockUpstream(echoingStream),
    startMockUpstream(echoingFailure(503)),
    startMockUpstream((_, response) => sendJson(response, 200, {})),
    startMockUpstream((_, response) => sendJson(response, 200, {})),
  ]);
  const otelEnvironment = { OTEL_EXPORTER_OTLP_ENDPOINT: otlpCollector.origin, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${secrets.otlpToken}` };
  // The operator's key, in a named config of the config file, read from the environment.
  const configFile = join(folder, 'gateway.json');
  writeFileSync(configFile, JSON.stringify({ configs: { echoing: { provider: 'openai', api_key: 'env:OPERATOR_KEY', custom_host: openaiHost(failingUpstream) } } }));
  gateway = await startTestGateway({
    logger,
    configFile,
    environment: { OPERATOR_KEY: secrets.operatorKey },
    logDb: join(folder, 'logs.db'),
    requestLog: { sinks: [createHttpLogSink({ url: `${httpCollector.origin}/logs`, headers: { authorization: `Bearer ${secrets.collectorToken}` }, logger, retries: 0 })] },
    traceSink: createOtelTraceSink(otelEnvironment, logger),
  });
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([upstream, failingUpstream, streamingUpstream, downUpstream, httpCollector, otlpCollector].map((server) => server?.close()));
  rmSync(folder, { recursive: true, force: true });
});

/** Reads the live tail until it has the records of every trace id in `traceIds`. */
async function readLiveTail(): Promise<string> {
  const response = await fetch(`${gateway.url}/public/api/logs/stream`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 10_000;
  while (traceIds.length === 0 || !traceIds.every((traceId) => text.includes(`"trace_id":"${traceId}"`))) {
    if (Date.now() > deadline) throw new Error('the live tail did not show every record');
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

let sent = 0;
async function send(path: string, headers: Record<string, string>, body: Record<string, unknown>): Promise<Response> {
  sent += 1;
  const traceId = `secrets-${process.pid}-${sent}`;
  traceIds.push(traceId);
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-trace-id': traceId, ...headers },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response;
}

async function sendEverySecret(): Promise<void> {
  // A config with the key in it.
  expect((await send('/v1/chat/completions', { 'x-portkey-config': JSON.stringify({ provider: 'openai', api_key: secrets.configKey, custom_host: openaiHost(upstream) }) }, chat)).status).toBe(200);
  // A fallback from Bedrock (signed with access keys, refused with the credentials echoed) to OpenAI.
  const fallback = {
    strategy: { mode: 'fallback' },
    targets: [
      { provider: 'bedrock', aws_region: 'us-east-1', aws_access_key_id: secrets.bedrockAccessKeyId, aws_secret_access_key: secrets.bedrockSecret, aws_session_token: secrets.bedrockSessionToken, custom_host: failingUpstream.origin, override_params: { model: 'anthropic.claude-3-5-sonnet-20241022-v2:0' } },
      { provider: 'openai', api_key: secrets.fallbackKey, custom_host: openaiHost(upstream) },
    ],
  };
  expect((await send('/v1/chat/completions', { 'x-portkey-config': JSON.stringify(fallback) }, chat)).status).toBe(200);
  // The provider key as a bearer token, the gateway key, a stray x-api-key and a service account in headers.
  expect((await send('/v1/chat/completions', {
    authorization: `Bearer ${secrets.bearer}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': openaiHost(upstream),
    'x-portkey-api-key': secrets.portkeyApiKey, 'x-api-key': secrets.xApiKey, 'x-portkey-vertex-service-account-json': JSON.stringify({ private_key: secrets.vertexServiceAccount }),
  }, chat)).status).toBe(200);
  // Anthropic's format with its key in x-api-key, to an upstream that echoes it in its error.
  expect((await send('/v1/messages', { 'x-api-key': secrets.xApiKey, 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${failingUpstream.origin}/v1` }, { model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })).status).toBe(401);
  // The gateway key alone, used as the provider key, echoed back by the upstream.
  expect((await send('/v1/chat/completions', { 'x-portkey-api-key': secrets.echoedKey, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': openaiHost(failingUpstream) }, chat)).status).toBe(401);
  // A custom host with a password in its userinfo.
  const userinfoHost = (mock: MockUpstream) => `http://user:${secrets.userinfoPassword}@${new URL(mock.origin).host}/v1`;
  expect((await send('/v1/chat/completions', { authorization: `Bearer ${secrets.bearer}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': userinfoHost(upstream) }, chat)).status).toBe(200);
  // The same host name failing until its circuit opens, which the operator's log tells, naming the target.
  for (let failure = 0; failure < 5; failure += 1) {
    expect((await send('/v1/chat/completions', { authorization: `Bearer ${secrets.bearer}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': userinfoHost(downUpstream) }, chat)).status).toBe(503);
  }
  // The operator's key, never seen by the client, echoed back by the upstream.
  expect((await send('/v1/chat/completions', { 'x-portkey-config': 'echoing' }, chat)).status).toBe(401);
  // A stream that breaks off with an error event echoing the key.
  expect((await send('/v1/chat/completions', { authorization: `Bearer ${secrets.streamedKey}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': openaiHost(streamingUpstream) }, { ...chat, stream: true })).status).toBe(200);
}

async function recordOf(traceId: string): Promise<RequestRecordV1> {
  for (let tries = 0; tries < 100; tries += 1) {
    const response = await fetch(`${gateway.url}/public/api/logs/${traceId}`);
    if (response.status === 200) return response.json() as Promise<RequestRecordV1>;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no record for ${traceId}`);
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The log's SQLite file and the ones beside it (its write-ahead log and shared memory). */
function sqliteFiles(): string[] {
  return readdirSync(folder).filter((name) => name.startsWith('logs.db'));
}

/** The secrets found in `text`, by name. */
function secretsIn(text: string): string[] {
  return Object.entries(secrets).filter(([, secret]) => text.includes(secret)).map(([name]) => name);
}

describe("clients' and the operator's secrets", () => {
  const seen: Record<string, string> = {};

  beforeAll(async () => {
    liveTail = readLiveTail();
    // The tail must be listening before the first record is built.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sendEverySecret();
    const records = await Promise.all(traceIds.map(recordOf));
    seen.records = JSON.stringify(records);
    seen.liveTail = await liveTail;
    seen.list = await (await fetch(`${gateway.url}/public/api/logs?limit=500`)).text();
    seen.errorList = await (await fetch(`${gateway.url}/public/api/logs?status=error&limit=500`)).text();
    seen.stats = await (await fetch(`${gateway.url}/public/api/stats?from=${Date.now() - 600_000}`)).text();
    seen.metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const collected = () => httpCollector.requests.map((request) => request.body.toString('utf8')).join('');
    await waitUntil(() => traceIds.every((traceId) => collected().includes(traceId)), 'the HTTP collector');
    seen.httpCollector = collected();
    await waitUntil(() => otlpCollector.requests.length > 0 && traceIds.every((traceId) => otlpCollector.requests.some((request) => request.body.includes(traceId))), 'the OTLP collector');
    seen.otlpCollector = otlpCollector.requests.map((request) => request.body.toString('utf8')).join('\n');
    // SQLite writes to its write-ahead log first; both files are read as they are on disk.
    seen.sqliteFiles = sqliteFiles().map((name) => readFileSync(join(folder, name)).toString('latin1')).join('\n');
  }, 30_000);

  it('were really sent, and their requests really logged everywhere', () => {
    const records = JSON.parse(seen.records) as RequestRecordV1[];
    expect(records.map((record) => record.status)).toEqual([200, 200, 200, 401, 401, 200, 503, 503, 503, 503, 503, 401, 200]);
    expect(records[12].response.text).toContain('mid-answer');
    expect(records[1].attempts.map((attempt) => [attempt.provider, attempt.outcome])).toEqual([['bedrock', 'fallback'], ['openai', 'success']]);
    // The upstreams and the collectors got the credentials meant for them.
    expect(failingUpstream.requests.some((request) => String(request.headers['x-amz-security-token']) === secrets.bedrockSessionToken)).toBe(true);
    expect(upstream.requests.some((request) => request.headers.authorization === `Bearer ${secrets.bearer}`)).toBe(true);
    expect(httpCollector.requests[0]!.headers.authorization).toBe(`Bearer ${secrets.collectorToken}`);
    expect(otlpCollector.requests[0]!.headers.authorization).toBe(`Bearer ${secrets.otlpToken}`);
    for (const traceId of traceIds) {
      for (const place of ['liveTail', 'list', 'httpCollector', 'otlpCollector', 'sqliteFiles']) expect(seen[place], `${traceId} in ${place}`).toContain(traceId);
    }
    expect(seen.metrics).toContain('ai_gateway_requests_total{');
    expect(JSON.parse(seen.stats).totals.requests).toBeGreaterThanOrEqual(traceIds.length);
    expect(decodeTraceExport(otlpCollector.requests[0]!).length).toBeGreaterThan(0);
    expect(sqliteFiles()).toContain('logs.db-wal');
  });

  it.each(['records', 'liveTail', 'list', 'errorList', 'stats', 'metrics', 'httpCollector', 'otlpCollector', 'sqliteFiles'])('never reach the %s', (place) => {
    expect(secretsIn(seen[place]!)).toEqual([]);
  });

  it("never reach the operator's log", () => {
    expect(logger.lines.map((line) => line.message)).toContain('circuit opened');
    expect(secretsIn(JSON.stringify(logger.lines))).toEqual([]);
  });
});
