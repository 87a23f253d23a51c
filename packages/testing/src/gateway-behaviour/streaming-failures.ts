/**
 * How failures look once an answer has started: a stream whose upstream dies midway ends with an
 * error event the openai SDK raises (never `[DONE]`), and a client that leaves, mid-stream or
 * while waiting, stops the upstream call.
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { healthy, slowStream } from '../upstream-handlers.js';
import type { MockUpstream } from '../mock-upstream.js';
import { postChat, target, useGatewayHarness, waitFor, withoutCircuitBreaker, type GatewayBehaviourOptions, type StartGateway } from './harness.js';

/** Resolves when the upstream's connection for the current request closes. */
function whenUpstreamCallCloses(upstream: MockUpstream, firstChunk?: string): Promise<void> {
  return new Promise<void>((resolve) => {
    upstream.setHandler(async (_request, response) => {
      response.on('close', () => resolve());
      if (firstChunk) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(firstChunk);
      }
      await new Promise(() => {});
    });
  });
}

export function describeStreamingFailures(name: string, start: StartGateway, options: GatewayBehaviourOptions = {}): void {
  describe(`streaming failures on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 1, environment: withoutCircuitBreaker });

    it('ends the client stream with an error the openai SDK raises, and the gateway stays healthy', async () => {
      const [upstream] = harness.upstreams;
      upstream.setHandler(slowStream({ count: 6, intervalMs: 10, destroyAfter: 3 }));
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${harness.gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` } });
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

    it.skipIf(options.noClientDisconnect)('aborts the upstream request when the client goes away mid-stream', async () => {
      const [upstream] = harness.upstreams;
      const closed = whenUpstreamCallCloses(upstream, 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"first"},"finish_reason":null}]}\n\n');
      const controller = new AbortController();
      const response = await postChat(harness.gateway, target(upstream), { body: { stream: true }, signal: controller.signal });
      await response.body!.getReader().read();
      controller.abort();
      const started = Date.now();
      await closed;
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it.skipIf(options.noClientDisconnect)('stops the upstream call when the client leaves while waiting for a plain answer', async () => {
      const [upstream] = harness.upstreams;
      const closed = whenUpstreamCallCloses(upstream);
      const controller = new AbortController();
      const pending = postChat(harness.gateway, target(upstream), { signal: controller.signal }).catch(() => undefined);
      await waitFor(() => upstream.requests.length > 0);
      controller.abort();
      await pending;
      const started = Date.now();
      await closed;
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it.skipIf(options.noClientDisconnect)('stops a multipart upstream call (Stability) when the client leaves while waiting', async () => {
      const [upstream] = harness.upstreams;
      const closed = whenUpstreamCallCloses(upstream);
      const controller = new AbortController();
      const pending = fetch(`${harness.gateway.url}/v1/images/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-stability', 'x-portkey-provider': 'stability-ai', 'x-portkey-custom-host': upstream.origin },
        body: JSON.stringify({ model: 'core', prompt: 'a lighthouse at dusk' }),
        signal: controller.signal,
      }).catch(() => undefined);
      await waitFor(() => upstream.requests.length > 0);
      expect(String(upstream.requests[0].headers['content-type'])).toMatch(/^multipart\/form-data/);
      controller.abort();
      await pending;
      const started = Date.now();
      await closed;
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
}
