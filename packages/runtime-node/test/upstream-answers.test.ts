/**
 * How the Node runtime carries upstream answers: short answers are read whole before core sees
 * them, so their encodings, truncations and empty bodies must come out as a client expects, and a
 * client that leaves while waiting for one must still stop the upstream call.
 */
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { startGateway, type RunningGateway } from '../src/index.js';

let upstream: MockUpstream;
let gateway: RunningGateway;
let client: OpenAI;

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'compressed hello' }, finish_reason: 'stop' }],
};

beforeAll(async () => {
  upstream = await startMockUpstream(() => {});
  gateway = await startGateway({ port: 0, host: '127.0.0.1', circuitBreaker: false });
  client = new OpenAI({
    apiKey: 'sk-test',
    baseURL: `${gateway.url}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
  });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('upstream answers on Node', () => {
  it('decodes a gzip answer from the upstream before the client gets it', async () => {
    upstream.setHandler((_request, response) => {
      const compressed = gzipSync(JSON.stringify(completion));
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': compressed.byteLength });
      response.end(compressed);
    });
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0].message.content).toBe('compressed hello');
  });

  it('answers a clean 502 when the upstream cuts its answer short, and keeps serving', async () => {
    upstream.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 });
      response.write('{"id":"chatcmpl-1","object":"chat');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const failure = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((failure as Error).message).toMatch(/upstream connection failed/);

    upstream.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completion));
    });
    const answer = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0].message.content).toBe('compressed hello');
  });

  it('passes an empty 204 answer through as it is', async () => {
    upstream.setHandler((_request, response) => {
      response.writeHead(204, { 'content-length': 0 });
      response.end();
    });
    const response = await fetch(`${gateway.url}/v1/files/file-1`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('stops the upstream call when the client leaves while waiting for a plain answer', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    upstream.setHandler((_request, response) => {
      response.on('close', () => upstreamClosed());
      // never answers
    });
    const requestsBefore = upstream.requests.length;
    const controller = new AbortController();
    const pending = fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      signal: controller.signal,
    }).catch(() => undefined);
    while (upstream.requests.length === requestsBefore) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await pending;
    const started = Date.now();
    await closed;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops a multipart upstream call (Stability) when the client leaves while waiting', async () => {
    // Stability's form body goes through undici's fetch, which needs a real AbortSignal: this is
    // the path where the runtime's lightweight disconnect signal has to be converted.
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    let contentType = '';
    upstream.setHandler((request, response) => {
      contentType = String(request.headers['content-type']);
      response.on('close', () => upstreamClosed());
      // never answers
    });
    const requestsBefore = upstream.requests.length;
    const controller = new AbortController();
    const pending = fetch(`${gateway.url}/v1/images/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-stability', 'x-portkey-provider': 'stability-ai', 'x-portkey-custom-host': upstream.origin },
      body: JSON.stringify({ model: 'core', prompt: 'a lighthouse at dusk' }),
      signal: controller.signal,
    }).catch(() => undefined);
    while (upstream.requests.length === requestsBefore) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(contentType).toMatch(/^multipart\/form-data/);
    controller.abort();
    await pending;
    const started = Date.now();
    await closed;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
