/**
 * A quick check that a gateway as it is installed answers at all, run on the packed packages
 * (npm installs of each runtime): a chat completion passed through with the upstream's and the
 * trace headers, a stream chunk by chunk, and bad input answered as an OpenAI-shaped error while
 * the gateway keeps serving. The full check of what every runtime must do is the gateway behaviour
 * suite (`describeGatewayBehaviour`), which each runtime's own tests run.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from './mock-upstream.js';
import { mockChatText, mockStreamPieces, openAIMockHandler } from './openai-mock.js';
import type { RunningRuntime } from './gateway-behaviour/harness.js';

const apiKey = 'sk-test-runtime-conformance';

export function describeRuntimeConformance(name: string, start: () => Promise<RunningRuntime>): void {
  describe(`runtime conformance: ${name}`, () => {
    let upstream: MockUpstream;
    let runtime: RunningRuntime;
    let client: OpenAI;

    beforeAll(async () => {
      upstream = await startMockUpstream(openAIMockHandler());
      runtime = await start();
      client = new OpenAI({
        apiKey,
        baseURL: `${runtime.url}/v1`,
        maxRetries: 0,
        defaultHeaders: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
      });
    }, 60_000);

    afterAll(async () => {
      await runtime?.close();
      await upstream?.close();
    });

    it('passes a chat completion through, with the upstream and trace headers', async () => {
      const { data, response } = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-portkey-trace-id': `trace-${name}` } })
        .withResponse();
      expect(data.choices[0].message.content).toBe(mockChatText);
      expect(response.headers.get('x-request-id')).toBe('req_mock_1');
      expect(response.headers.get('x-portkey-trace-id')).toBe(`trace-${name}`);
      expect(response.headers.get('x-portkey-cache-status')).toBe('DISABLED');
      expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${apiKey}`);
    });

    it('streams a chat completion chunk by chunk', async () => {
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
      const pieces: string[] = [];
      for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta?.content ?? '');
      expect(pieces.join('')).toBe(mockStreamPieces.join(''));
    });

    it('answers bad input with an OpenAI-shaped error, leaks no key, and keeps serving', async () => {
      const response = await fetch(`${runtime.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, 'x-portkey-provider': 'openai' },
        body: '{"model": "gpt-4o-mini", "messages": [',
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string; type: string } };
      expect(body.error.type).toBe('invalid_request_error');
      expect(body.error.message).toMatch(/JSON/i);
      expect(JSON.stringify(body)).not.toContain(apiKey);

      const again = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'still there?' }] });
      expect(again.choices[0].message.content).toBe(mockChatText);
    });
  });
}
