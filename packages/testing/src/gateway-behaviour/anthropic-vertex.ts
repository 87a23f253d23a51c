/**
 * Anthropic-format clients to Vertex AI: Claude is spoken to in Anthropic's own format (messages
 * and token counts), Gemini through translation; the choice is per model, in one provider.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { sendJson } from '../mock-upstream.js';
import { last, useAnthropicHarness } from './anthropic-harness.js';
import type { StartGateway } from './harness.js';

const location = '/v1/projects/my-project/locations/us-east5/publishers';

export function describeAnthropicVertex(name: string, start: StartGateway): void {
  describe(`Anthropic SDK at /v1/messages, Vertex AI target, on ${name}`, () => {
    const harness = useAnthropicHarness(start);
    const vertex = () => new Anthropic({
      authToken: 'ya29.access-token', baseURL: harness.gateway.url, maxRetries: 0,
      defaultHeaders: { 'x-portkey-provider': 'vertex-ai', 'x-portkey-vertex-project-id': 'my-project', 'x-portkey-vertex-region': 'us-east5', 'x-portkey-custom-host': `${harness.anthropic.origin}/v1` },
    });

    it("counts Claude's tokens with Vertex's count-tokens:rawPredict, the model in the body", async () => {
      harness.anthropic.setHandler((_, response) => sendJson(response, 200, { input_tokens: 17 }));
      // Claude Code asks with `?beta=true`, which Vertex would refuse as an unknown parameter.
      const response = await vertex().messages.countTokens({ model: 'claude-sonnet-4-5@20250929', messages: [{ role: 'user', content: 'Hi' }] }, { query: { beta: 'true' } }).withResponse();
      const received = last(harness.anthropic);
      expect(received.url).toBe(`${location}/anthropic/models/count-tokens:rawPredict`);
      expect(received.json).toEqual({ anthropic_version: 'vertex-2023-10-16', model: 'claude-sonnet-4-5@20250929', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.data).toEqual({ input_tokens: 17 });
      expect(response.response.headers.get('x-ai-gateway-token-count')).toBeNull();
    });

    it("estimates a Gemini model's count and translates its messages to generateContent", async () => {
      const callsBefore = harness.anthropic.requests.length;
      const count = await vertex().messages.countTokens({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi there' }] }).withResponse();
      expect(count.response.headers.get('x-ai-gateway-token-count')).toBe('estimate');
      expect(harness.anthropic.requests).toHaveLength(callsBefore);

      harness.anthropic.setHandler((_, response) => sendJson(response, 200, {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hallo' }] }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 },
      }));
      const message = await vertex().messages.create({ model: 'gemini-2.5-flash', max_tokens: 100, messages: [{ role: 'user', content: 'Hi there' }] });
      expect(last(harness.anthropic).url).toBe(`${location}/google/models/gemini-2.5-flash:generateContent`);
      expect(last(harness.anthropic).json.contents).toEqual([{ role: 'user', parts: [{ text: 'Hi there' }] }]);
      expect(message.content).toEqual([{ type: 'text', text: 'Hallo' }]);
    });
  });
}
