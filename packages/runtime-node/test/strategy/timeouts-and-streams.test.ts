/**
 * request_timeout bounds the wait for headers and every silence of a stream; a stream that dies
 * midway ends with an error event the openai SDK raises; a client that leaves aborts the upstream.
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { hanging, healthy, postChat, slowStream, target, useHarness } from './fixtures.js';

const harness = useHarness(2, { circuitBreaker: false });

function sdk(headers: Record<string, string>) {
  return new OpenAI({ apiKey: 'sk-test', baseURL: `${harness.gateway.url}/v1`, maxRetries: 0, defaultHeaders: headers });
}

describe('timeouts', () => {
  it('answers 408 when the upstream sends no headers within x-portkey-request-timeout', async () => {
    const [upstream] = harness.upstreams;
    upstream.setHandler(hanging);
    const started = Date.now();
    const response = await postChat(harness.gateway, null, { headers: { 'x-portkey-provider': 'openai', authorization: 'Bearer sk', 'x-portkey-custom-host': `${upstream.origin}/v1`, 'x-portkey-request-timeout': '200' } });
    expect(response.status).toBe(408);
    expect((await response.json()).error.code).toBe('request_timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('ends a stream that goes silent with a timeout error event, not [DONE]', async () => {
    const [upstream] = harness.upstreams;
    upstream.setHandler(slowStream({ count: 6, intervalMs: 20, stallAfter: 3 }));
    const started = Date.now();
    const response = await postChat(harness.gateway, { ...target(upstream), request_timeout: 300 }, { body: { stream: true } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('p1 ');
    expect(text).toContain('"code":"stream_idle_timeout"');
    expect(text).not.toContain('[DONE]');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('lets a stream that keeps sending run longer than the timeout', async () => {
    const [upstream] = harness.upstreams;
    upstream.setHandler(slowStream({ count: 8, intervalMs: 80 }));
    const response = await postChat(harness.gateway, { ...target(upstream), request_timeout: 250 }, { body: { stream: true } });
    const text = await response.text();
    expect(text).toContain('p7 ');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});

describe('mid-stream failure', () => {
  it('ends the client stream with an error the openai SDK raises, and the gateway stays healthy', async () => {
    const [upstream] = harness.upstreams;
    upstream.setHandler(slowStream({ count: 6, intervalMs: 10, destroyAfter: 3 }));
    const client = sdk({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const received: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta?.content ?? '');
    })().catch((error: unknown) => error);
    expect(received.join('')).toContain('p1 ');
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toMatch(/upstream connection failed while streaming/);

    upstream.setHandler(healthy);
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'again' }] });
    expect(completion.choices[0].message.content).toBeTruthy();
  });
});

describe('client disconnect', () => {
  it('aborts the upstream request when the client goes away mid-stream', async () => {
    const [upstream] = harness.upstreams;
    let upstreamClosed: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    upstream.setHandler(async (request, response) => {
      response.on('close', () => upstreamClosed());
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"first"},"finish_reason":null}]}\n\n');
      await new Promise(() => {});
    });
    const controller = new AbortController();
    const response = await postChat(harness.gateway, target(upstream), { body: { stream: true }, signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    const started = Date.now();
    await closed;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
