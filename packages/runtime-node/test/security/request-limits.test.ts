/**
 * Limits that keep one request from holding the gateway: a default upstream timeout, timeouts that
 * fit a timer, a cap on upstream calls per request, and upstream bodies read within a limit.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failing, hanging, healthy, named, postChat, slowStream, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import type { RunningGateway } from '../../src/index.js';
import { startTestGateway } from '../node-harness.js';

let upstream: MockUpstream;
let gateway: RunningGateway;
const upstreamTimeoutMs = 400;
const maxUpstreamBodyBytes = 1024 * 1024;

beforeAll(async () => {
  upstream = await startMockUpstream(healthy);
  gateway = await startTestGateway({ upstreamTimeoutMs, maxUpstreamBodyBytes, maxAttemptsPerRequest: 4, circuitBreaker: false });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

beforeEach(() => {
  upstream.requests.length = 0;
  upstream.setHandler(healthy);
});

const openai = () => ({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1`, authorization: 'Bearer sk-test' });
const anthropic = () => ({ 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1`, authorization: 'Bearer sk-ant-test' });

/** Sends `totalBytes` of filler in 64 KiB writes, with backpressure, until done or cut off. */
function endlessBody(status: number, totalBytes: number): (request: unknown, response: ServerResponse) => Promise<void> {
  return async (_, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let sent = 0; sent < totalBytes && !response.destroyed; sent += chunk.length) {
      if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
    }
    response.end();
  };
}

describe('default upstream timeout', () => {
  it('answers 408 when an upstream never answers and the request set no timeout', async () => {
    upstream.setHandler(hanging);
    const started = Date.now();
    const response = await postChat(gateway, null, { headers: openai() });
    expect(response.status).toBe(408);
    expect((await response.json()).error.message).toMatch(/upstream timeout of 400 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('ends a stream that falls silent with an error event', async () => {
    upstream.setHandler(slowStream({ count: 5, intervalMs: 10, stallAfter: 2 }));
    const response = await postChat(gateway, null, { headers: openai(), body: { stream: true } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('stream_idle_timeout');
    expect(text).not.toContain('[DONE]');
  });

  it("lets a request's own timeout be longer than the default", async () => {
    upstream.setHandler(named('slow', 700));
    const response = await postChat(gateway, null, { headers: { ...openai(), 'x-portkey-request-timeout': '5000' } });
    expect(response.status).toBe(200);
  });
});

describe('timeouts a timer can hold', () => {
  it('refuses a request timeout past 2^31 - 1 ms, in the header and in a config', async () => {
    const header = await postChat(gateway, null, { headers: { ...openai(), 'x-portkey-request-timeout': '2147483648' } });
    expect(header.status).toBe(400);
    expect((await header.json()).error.param).toBe('x-portkey-request-timeout');
    const config = await postChat(gateway, { provider: 'openai', custom_host: `${upstream.origin}/v1`, request_timeout: 2 ** 31 }, { headers: { authorization: 'Bearer sk-test' } });
    expect(config.status).toBe(400);
    expect((await config.json()).error.param).toBe('request_timeout');
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('upstream calls per request', () => {
  it('stops a 200-target fallback after the limit, answering the last failure', async () => {
    upstream.setHandler(failing(503));
    // Each target inherits the parent's provider, key and host: 200 of them fit in one header.
    const targets = Array.from({ length: 200 }, () => ({}));
    const response = await postChat(gateway, { provider: 'openai', api_key: 'sk-test', custom_host: `${upstream.origin}/v1`, strategy: { mode: 'fallback' }, targets });
    expect(response.status).toBe(503);
    expect((await response.json()).error.message).toBe('upstream says 503');
    expect(upstream.requests).toHaveLength(4);
  });

  it('counts retries against the same limit', async () => {
    upstream.setHandler(failing(500));
    const config = { retry: { attempts: 5 }, strategy: { mode: 'fallback' }, targets: [0, 1].map(() => ({ provider: 'openai', api_key: 'sk-test', custom_host: `${upstream.origin}/v1` })) };
    const response = await postChat(gateway, config);
    expect(response.status).toBe(500);
    expect(upstream.requests).toHaveLength(4);
  });
});

describe('upstream bodies read within a limit', () => {
  it("answers 502 for a translated provider's oversized answer, with flat memory", async () => {
    upstream.setHandler(endlessBody(200, 200 * 1024 * 1024));
    const before = process.memoryUsage().rss;
    const response = await postChat(gateway, null, { headers: anthropic(), body: { model: 'claude-sonnet-4-5' } });
    expect(response.status).toBe(502);
    const { error } = await response.json();
    expect(error.code).toBe('upstream_body_too_large');
    expect(error.message).toContain(`${maxUpstreamBodyBytes} bytes`);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    upstream.setHandler(healthy);
    expect((await postChat(gateway, null, { headers: openai() })).status).toBe(200);
  });

  it('answers 502 for an oversized upstream error body, with flat memory', async () => {
    upstream.setHandler(endlessBody(500, 200 * 1024 * 1024));
    const before = process.memoryUsage().rss;
    const response = await postChat(gateway, null, { headers: openai() });
    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe('upstream_body_too_large');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });
});
