/**
 * The request log through the Node gateway, read back through the logs API as a script or the
 * console would: one record per request with its attempts, for a fallback, a retry, a cache hit, a
 * stream cut mid-way and a client that hangs up; no credential in any answer; the live tail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failing, hanging, healthy, named, sequence, slowStream, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { readGatewayEnvironment, type RunningGateway } from '../src/index.js';
import { startTestGateway } from './node-harness.js';

const providerKey = 'sk-provider-secret-4f1c9a7e';
let upstream: MockUpstream;
let spare: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  [upstream, spare] = await Promise.all([startMockUpstream(healthy), startMockUpstream(named('spare'))]);
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([upstream?.close(), spare?.close()]);
});
beforeEach(() => {
  upstream.setHandler(healthy);
  spare.setHandler(named('spare'));
});

const target = (mock: MockUpstream) => ({ provider: 'openai', api_key: providerKey, custom_host: `${mock.origin}/v1` });
let traceCounter = 0;

/** Sends a chat request under `config` with a fresh trace id, and returns the id and the response. */
async function send(config: Record<string, unknown>, body: Record<string, unknown> = {}, init: RequestInit = {}, to: RunningGateway = gateway): Promise<{ traceId: string; response: Response }> {
  traceCounter += 1;
  const traceId = `log-test-${process.pid}-${traceCounter}`;
  const response = await fetch(`${to.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config), 'x-portkey-trace-id': traceId, 'x-portkey-metadata': '{"team":"search"}' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], ...body }),
    ...init,
  });
  return { traceId, response };
}

/** The record of `traceId`, once it is there (records are written just after the answer). */
async function recordOf(traceId: string, of: RunningGateway = gateway): Promise<RequestRecordV1> {
  for (let tries = 0; tries < 100; tries += 1) {
    const response = await fetch(`${of.url}/public/api/logs/${traceId}`);
    if (response.status === 200) return response.json() as Promise<RequestRecordV1>;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no record for ${traceId}`);
}

describe('the record of a request', () => {
  it('has the answer, its tokens, the metadata and the path taken', async () => {
    const { traceId, response } = await send({ ...target(upstream) });
    expect(response.status).toBe(200);
    await response.text();
    const record = await recordOf(traceId);
    expect(record).toMatchObject({
      trace_id: traceId, method: 'POST', path: '/v1/chat/completions', endpoint: 'chatComplete', format: 'openai', stream: false,
      provider: 'openai', model: 'gpt-4o-mini', response_model: 'gpt-4o-mini', status: 200, error: null, cache_status: 'DISABLED',
      metadata: { team: 'search' }, tokens: { input: 9, output: 5, cached: null, reasoning: null }, config_path: 'config',
    });
    expect(record.attempts).toEqual([expect.objectContaining({ target: 'config', provider: 'openai', model: 'gpt-4o-mini', outcome: 'success', status: 200, error: null })]);
    expect(JSON.parse(record.request.text!)).toMatchObject({ model: 'gpt-4o-mini' });
    expect(JSON.parse(record.response.text!).choices[0].message.content).toBe('Hello from the mock upstream');
    expect(record.latency_ms).toBeGreaterThan(0);
    expect(new Date(record.time).getTime()).toBe(record.started_at);
  });

  it('of a fallback has both attempts: the failed one and the one that answered', async () => {
    upstream.setHandler(failing(500));
    const { traceId, response } = await send({ strategy: { mode: 'fallback' }, targets: [target(upstream), target(spare)] });
    expect(response.status).toBe(200);
    await response.text();
    const record = await recordOf(traceId);
    expect(record.attempts.map((attempt) => [attempt.target, attempt.outcome, attempt.status])).toEqual([
      ['config.targets[0]', 'fallback', 500],
      ['config.targets[1]', 'success', 200],
    ]);
    expect(record.attempts[0].error).toContain('upstream says 500');
    expect(record).toMatchObject({ status: 200, config_path: 'config.targets[1]', error: null });
  });

  it('of a retry has the attempt that was retried', async () => {
    upstream.setHandler(sequence(failing(503), healthy));
    const { traceId, response } = await send({ ...target(upstream), retry: { attempts: 2 } });
    expect(response.status).toBe(200);
    await response.text();
    const record = await recordOf(traceId);
    expect(record.attempts.map((attempt) => [attempt.outcome, attempt.status])).toEqual([['retry', 503], ['success', 200]]);
  });

  it('of a failed request has the error the client got', async () => {
    upstream.setHandler(failing(429));
    const { traceId, response } = await send({ ...target(upstream) });
    expect(response.status).toBe(429);
    const record = await recordOf(traceId);
    expect(record).toMatchObject({ status: 429, error: { message: expect.stringContaining('upstream says 429') } });
    expect(record.attempts).toEqual([expect.objectContaining({ outcome: 'error', status: 429 })]);
  });

  it('of a cache hit says HIT and made no upstream call', async () => {
    const config = { ...target(upstream), cache: { mode: 'simple' } };
    const body = { messages: [{ role: 'user', content: `cache me ${Date.now()}` }] };
    await (await send(config, body)).response.text();
    const { traceId, response } = await send(config, body);
    await response.text();
    expect(response.headers.get('x-portkey-cache-status')).toBe('HIT');
    const record = await recordOf(traceId);
    expect(record).toMatchObject({ cache_status: 'HIT', status: 200, attempts: [], tokens: { input: 9, output: 5 } });
  });

  it('of a stream has its events, its usage and the time to the first chunk', async () => {
    const { traceId, response } = await send({ ...target(upstream) }, { stream: true, stream_options: { include_usage: true } });
    expect(await response.text()).toContain('[DONE]');
    const record = await recordOf(traceId);
    expect(record).toMatchObject({ stream: true, status: 200, error: null, tokens: { input: 9, output: 4 }, response_model: 'gpt-4o-mini' });
    expect(record.response.text).toContain('"content":" stream"');
    expect(record.ttfb_ms).not.toBeNull();
    expect(record.ttfb_ms!).toBeLessThanOrEqual(record.latency_ms);
  });

  it('of a stream cut mid-way keeps the chunks sent and says what went wrong', async () => {
    upstream.setHandler(slowStream({ count: 6, intervalMs: 5, destroyAfter: 3 }));
    const { traceId, response } = await send({ ...target(upstream) }, { stream: true });
    const text = await response.text();
    expect(text).toContain('"error"');
    const record = await recordOf(traceId);
    expect(record).toMatchObject({ stream: true, status: 200, error: { code: 'stream_interrupted' } });
    expect(record.response.text).toContain('p1 ');
  });

  it('of a client that hung up says 499', async () => {
    upstream.setHandler(hanging);
    const controller = new AbortController();
    const sent = send({ ...target(upstream) }, {}, { signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 150));
    controller.abort();
    await sent;
    const traceId = `log-test-${process.pid}-${traceCounter}`;
    const record = await recordOf(traceId);
    expect(record).toMatchObject({ status: 499, error: { code: 'client_closed_request' } });
  });

  it('of a client that hung up mid-stream says 499 and keeps what was sent', async () => {
    upstream.setHandler(slowStream({ count: 50, intervalMs: 20 }));
    const controller = new AbortController();
    const { traceId, response } = await send({ ...target(upstream) }, { stream: true }, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 60));
    controller.abort();
    const record = await recordOf(traceId);
    expect(record).toMatchObject({ stream: true, status: 499, error: { code: 'client_closed_request' } });
  });
});

describe('credentials', () => {
  it('never reach a record, the logs API or the live tail', async () => {
    const tail = await fetch(`${gateway.url}/public/api/logs/stream`);
    const reader = tail.body!.getReader();
    const client = new OpenAI({
      apiKey: 'sk-client-bearer-9d2e77', baseURL: `${gateway.url}/v1`, maxRetries: 0,
      defaultHeaders: { 'x-portkey-config': JSON.stringify(target(upstream)), 'x-portkey-aws-secret-access-key': 'aws-secret-3b8f', 'x-acme-token': 'acme-token-11aa' },
    });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    const traceId = (completion as unknown as { _request_id?: string })._request_id;
    void traceId;
    let streamed = '';
    const decoder = new TextDecoder();
    while (!streamed.includes('"status":200')) streamed += decoder.decode((await reader.read()).value);
    await reader.cancel();
    const page = await (await fetch(`${gateway.url}/public/api/logs?limit=500`)).text();
    for (const secret of [providerKey, 'sk-client-bearer-9d2e77', 'aws-secret-3b8f', 'acme-token-11aa']) {
      expect(page).not.toContain(secret);
      expect(streamed).not.toContain(secret);
    }
    const record = (JSON.parse(page) as { data: RequestRecordV1[] }).data[0];
    expect(record.request_headers['x-portkey-config']).toContain('"custom_host"');
    expect(record.request_headers).not.toHaveProperty('authorization');
  });
});

describe('the logs API', () => {
  it('filters by status, provider, model and metadata, newest first, page by page', async () => {
    upstream.setHandler(failing(400));
    const failed = await send({ ...target(upstream) }, { model: 'gpt-filter-test' });
    await failed.response.text();
    upstream.setHandler(healthy);
    const ok = [];
    for (let index = 0; index < 3; index += 1) {
      const sent = await send({ ...target(upstream) }, { model: 'gpt-filter-test' });
      await sent.response.text();
      ok.push(sent.traceId);
    }
    await recordOf(ok[2]);
    const query = async (search: string) => (await (await fetch(`${gateway.url}/public/api/logs?${search}`)).json()) as { data: RequestRecordV1[]; next_cursor: string | null };
    expect((await query('model=gpt-filter-test&status=error')).data.map((record) => record.trace_id)).toEqual([failed.traceId]);
    expect((await query('model=gpt-filter-test&status=400')).data.map((record) => record.trace_id)).toEqual([failed.traceId]);
    const first = await query('model=gpt-filter-test&status=ok&metadata.team=search&provider=openai&limit=2');
    expect(first.data.map((record) => record.trace_id)).toEqual([ok[2], ok[1]]);
    const second = await query(`model=gpt-filter-test&status=ok&metadata.team=search&provider=openai&limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(second.data.map((record) => record.trace_id)).toEqual([ok[0]]);
    expect((await query('model=gpt-filter-test&metadata.team=other')).data).toEqual([]);
    const bad = await fetch(`${gateway.url}/public/api/logs?status=sometimes`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('status');
  });

  it('answers stats per bucket and per model', async () => {
    const sent = await send({ ...target(upstream) }, { model: 'gpt-stats-test' });
    await sent.response.text();
    await recordOf(sent.traceId);
    const stats = (await (await fetch(`${gateway.url}/public/api/stats?from=${Date.now() - 60_000}&bucket=10s`)).json()) as { totals: { requests: number }; by_model: { model: string; requests: number; latency_ms: { p50: number } }[]; buckets: unknown[] };
    expect(stats.totals.requests).toBeGreaterThan(0);
    const model = stats.by_model.find((group) => group.model === 'gpt-stats-test');
    expect(model).toMatchObject({ requests: 1 });
    expect(model!.latency_ms.p50).toBeGreaterThan(0);
    expect(stats.buckets.length).toBeGreaterThan(0);
  });
});

describe("open streams' bodies, bounded by AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES", () => {
  it('are kept to their first 4 KiB once the open streams hold that much, and the client still gets every piece', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-stream-capture-'));
    const { gatewayOptions } = readGatewayEnvironment({
      AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES: '4096',
      AI_GATEWAY_LOG_DB: join(folder, 'requests.db'),
      AI_GATEWAY_STATE_DB: join(folder, 'state.db'),
    });
    const bounded = await startTestGateway(gatewayOptions);
    try {
      upstream.setHandler(slowStream({ count: 100, intervalMs: 1 }));
      const { traceId, response } = await send({ ...target(upstream) }, { stream: true }, {}, bounded);
      const streamed = await response.text();
      expect(streamed.match(/"content":"p\d+ "/g)).toHaveLength(100);
      const record = await recordOf(traceId, bounded);
      expect(record).toMatchObject({ stream: true, status: 200, error: null });
      expect(record.response.truncated).toBe(true);
      expect(record.response.bytes).toBe(new TextEncoder().encode(streamed).byteLength);
      expect(record.response.text!.length).toBeLessThanOrEqual(4096);
      expect(record.response.text).toContain('"content":"p0 "');
    } finally {
      await bounded.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
