/**
 * Upstream answers as a client gets them: compressed ones decoded, one cut short a clean 502, an
 * empty 204 as it is, and the upstream's own headers passed on with the gateway's.
 */
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { StartGateway } from './harness.js';
import { useOpenAIHarness } from './openai-harness.js';

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'plain hello' }, finish_reason: 'stop' }],
};

export function describeUpstreamAnswers(name: string, start: StartGateway): void {
  describe(`upstream answers on ${name}`, () => {
    const harness = useOpenAIHarness(start, { AI_GATEWAY_CIRCUIT_BREAKER: 'off' });
    const ask = () => harness.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

    it('decodes a gzip answer from the upstream before the client gets it', async () => {
      harness.upstream.setHandler((_request, response) => {
        const compressed = gzipSync(JSON.stringify(completion));
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': compressed.byteLength });
        response.end(compressed);
      });
      expect((await ask()).choices[0].message.content).toBe('plain hello');
    });

    it('answers a clean 502 when the upstream cuts its answer short, and keeps serving', async () => {
      harness.upstream.setHandler((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 });
        response.write('{"id":"chatcmpl-1","object":"chat');
        setTimeout(() => response.socket?.destroy(), 20);
      });
      const failure = await ask().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
      expect((failure as Error).message).toMatch(/upstream connection failed/);

      harness.upstream.setHandler((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(completion));
      });
      expect((await ask()).choices[0].message.content).toBe('plain hello');
    });

    it('passes an empty 204 answer through as it is', async () => {
      harness.upstream.setHandler((_request, response) => {
        response.writeHead(204, { 'content-length': 0 });
        response.end();
      });
      const response = await fetch(`${harness.gateway.url}/v1/files/file-1`, { method: 'DELETE', headers: { authorization: 'Bearer sk-test', ...harness.routeHeaders() } });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
    });

    it("passes the upstream's headers on with the gateway's, and a length that fits the body", async () => {
      const body = JSON.stringify(completion);
      harness.upstream.setHandler((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'req-upstream-1', 'openai-processing-ms': '12' });
        response.end(body);
      });
      const response = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', ...harness.routeHeaders(), 'x-portkey-trace-id': 'trace-42' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(JSON.parse(text).id).toBe('chatcmpl-1');
      expect(response.headers.get('x-request-id')).toBe('req-upstream-1');
      expect(response.headers.get('openai-processing-ms')).toBe('12');
      expect(response.headers.get('x-portkey-trace-id')).toBe('trace-42');
      expect(response.headers.get('x-portkey-cache-status')).toBe('DISABLED');
      expect(response.headers.get('content-type')).toBe('application/json');
      const length = response.headers.get('content-length');
      // A runtime may send the answer chunked instead; a length it does give must be the body's.
      if (length !== null) expect(Number(length)).toBe(Buffer.byteLength(text));
    });
  });
}
