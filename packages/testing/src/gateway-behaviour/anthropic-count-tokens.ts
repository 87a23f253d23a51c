/**
 * `POST /v1/messages/count_tokens` through the official Anthropic SDK (`messages.countTokens`),
 * as Claude Code calls it: passed through to Anthropic, and answered by the gateway itself, marked
 * as an estimate, for a provider with no counting API. Never a 404.
 */
import { describe, expect, it } from 'vitest';
import { sendJson } from '../mock-upstream.js';
import { last, useAnthropicHarness, weatherTool } from './anthropic-harness.js';
import type { StartGateway } from './harness.js';

const countRequest = {
  model: 'claude-sonnet-5',
  system: [{ type: 'text' as const, text: 'You are a coding agent.', cache_control: { type: 'ephemeral' as const } }],
  tools: [weatherTool],
  messages: [{ role: 'user' as const, content: 'How warm is it in Paris today? Answer in one sentence.' }],
};

export function describeAnthropicCountTokens(name: string, start: StartGateway): void {
  describe(`Anthropic SDK at /v1/messages/count_tokens, on ${name}`, () => {
    const harness = useAnthropicHarness(start);
    const { client } = harness;

    it('passes a count through to Anthropic with the client key and beta header', async () => {
      harness.anthropic.setHandler((_, response) => sendJson(response, 200, { input_tokens: 321 }));
      const response = await client('anthropic').messages.countTokens(countRequest, { headers: { 'anthropic-beta': 'token-counting-2024-11-01' } }).withResponse();
      const received = last(harness.anthropic);
      expect(received.url).toBe('/v1/messages/count_tokens');
      expect(received.headers['x-api-key']).toBe('sk-client-key');
      expect(received.headers['anthropic-beta']).toBe('token-counting-2024-11-01');
      expect(received.json).toEqual(countRequest);
      expect(response.data).toEqual({ input_tokens: 321 });
      expect(response.response.headers.get('x-ai-gateway-token-count')).toBeNull();
    });

    it('keeps Anthropic errors on the count route in their shape', async () => {
      harness.anthropic.setHandler((_, response) => sendJson(response, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
      const failure = (await client('anthropic').messages.countTokens(countRequest).catch((error: unknown) => error)) as { status: number; error: unknown };
      expect(failure.status).toBe(401);
      expect(failure.error).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    });

    it('estimates a count for an OpenAI target itself, marked as an estimate, with a Bearer key', async () => {
      const callsBefore = harness.openai.requests.length;
      const response = await client('openai', { authToken: 'sk-bearer-key' }).messages.countTokens(countRequest).withResponse();
      expect(harness.openai.requests).toHaveLength(callsBefore);
      expect(response.response.status).toBe(200);
      expect(response.response.headers.get('x-ai-gateway-token-count')).toBe('estimate');
      expect(Object.keys(response.data)).toEqual(['input_tokens']);
      // The system prompt, the question and the tool definition: a few dozen tokens by any tokenizer.
      expect(response.data.input_tokens).toBeGreaterThan(20);
      expect(response.data.input_tokens).toBeLessThan(120);
    });

    it('counts more tokens for a longer conversation', async () => {
      const short = await client('openai').messages.countTokens({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
      const long = await client('openai').messages.countTokens({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi '.repeat(200) }] });
      expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 100);
    });

    it('answers a count without a provider with an Anthropic-shaped 400, not a 404', async () => {
      const response = await fetch(`${harness.gateway.url}/v1/messages/count_tokens`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k' }, body: JSON.stringify(countRequest),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    });
  });
}
