/**
 * Upstreams that misbehave on purpose, and a gateway tuned for fast tests (small backoff steps).
 */
import type { ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { chatChunkEvents, chatCompletion, openAIMockHandler, sendJson, startMockUpstream, type MockHandler, type MockUpstream } from '@ai-gateway/testing';
import { silentLogger, type GatewayLogger } from '@ai-gateway/core';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../../src/index.js';

export const healthy: MockHandler = openAIMockHandler();

/** Answers an OpenAI-shaped error with this status (and extra headers such as retry-after). */
export function failing(status: number, headers: Record<string, string> = {}, message = `upstream says ${status}`): MockHandler {
  return (_, response) => sendJson(response, status, { error: { message, type: 'api_error', param: null, code: null } }, headers);
}

/** Never answers: holds the request open until the test ends. */
export const hanging: MockHandler = () => new Promise(() => {});

/** Answers with the text `who` so a test can see which upstream served it. */
export function named(who: string, delayMs = 0): MockHandler {
  return async (request, response) => {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (request.json?.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of chatChunkEvents(request.json.model, [who])) response.write(event);
      return void response.end();
    }
    sendJson(response, 200, chatCompletion(request.json?.model ?? 'm', who));
  };
}

/** Runs these handlers in order, one per request, then keeps using the last one. */
export function sequence(...handlers: MockHandler[]): MockHandler {
  let calls = 0;
  return (request, response) => handlers[Math.min(calls++, handlers.length - 1)](request, response);
}

/** Streams `count` chunks `intervalMs` apart, then (if `stallAfter`) stops sending without closing. */
export function slowStream(options: { count: number; intervalMs: number; stallAfter?: number; destroyAfter?: number }): MockHandler {
  return async (request, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const events = chatChunkEvents('m', Array.from({ length: options.count }, (_, index) => `p${index} `));
    for (let index = 0; index < events.length; index += 1) {
      if (index === options.stallAfter) return new Promise(() => {});
      if (index === options.destroyAfter) return void response.socket?.destroy();
      response.write(events[index]);
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
    response.end();
  };
}

export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startUpstreams(count: number): Promise<MockUpstream[]> {
  return Promise.all(Array.from({ length: count }, () => startMockUpstream(healthy)));
}

export function startTestGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  return startGateway({ port: 0, host: '127.0.0.1', retryTiming: { baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 2_000 }, logger: silentLogger, ...options });
}

/** A logger that keeps what it is told, for asserting what operators would see. */
export function recordingLogger(): GatewayLogger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
  };
}

export function target(upstream: MockUpstream | string, extra: Record<string, unknown> = {}) {
  return { provider: 'openai', api_key: 'sk-test', custom_host: typeof upstream === 'string' ? upstream : `${upstream.origin}/v1`, ...extra };
}

export function postChat(gateway: RunningGateway, config: unknown, options: { headers?: Record<string, string>; body?: Record<string, unknown>; signal?: AbortSignal } = {}) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(config ? { 'x-portkey-config': JSON.stringify(config) } : {}), ...options.headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...options.body }),
    signal: options.signal,
  });
}

export async function contentOf(response: Response): Promise<string> {
  return (await response.json()).choices[0].message.content;
}

export interface Harness {
  upstreams: MockUpstream[];
  gateway: RunningGateway;
}

/**
 * Starts `count` healthy upstreams and a gateway for the whole file, and resets the upstreams
 * (handlers and recorded requests) before each test.
 */
export function useHarness(count: number, options: StartGatewayOptions = {}): Harness {
  const harness = { upstreams: [] as MockUpstream[] } as Harness;
  beforeAll(async () => {
    harness.upstreams = await startUpstreams(count);
    harness.gateway = await startTestGateway(options);
  });
  afterAll(async () => {
    await harness.gateway?.close();
    await Promise.all(harness.upstreams.map((upstream) => upstream.close()));
  });
  beforeEach(() => {
    for (const upstream of harness.upstreams) {
      upstream.requests.length = 0;
      upstream.setHandler(healthy);
    }
  });
  return harness;
}
