/**
 * `/v1/messages/count_tokens` for Claude on Vertex AI, from the Anthropic SDK through the gateway to
 * a Vertex stand-in on 127.0.0.1: the request Google's reference describes, one `count-tokens`
 * endpoint for every Claude model with the model named in the body.
 * https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { createVertexAIProvider } from './vertex-provider.js';

let upstream: MockUpstream;
let gateway: TestGateway;
const last = () => upstream.requests[upstream.requests.length - 1];
const client = (region: string) => new Anthropic({
  authToken: 'ya29.access-token', baseURL: gateway.origin, maxRetries: 0,
  defaultHeaders: { 'x-portkey-provider': 'vertex-ai', 'x-portkey-vertex-project-id': 'my-project', 'x-portkey-vertex-region': region, 'x-portkey-custom-host': `${upstream.origin}/v1` },
});

beforeAll(async () => {
  upstream = await startMockUpstream((_, response) => sendJson(response, 200, { input_tokens: 9 }));
  gateway = await startTestGateway({ providers: [createVertexAIProvider()] });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

describe('Anthropic SDK at /v1/messages/count_tokens, Claude on Vertex AI', () => {
  it("names Vertex's model id in the body of count-tokens:rawPredict, with the Vertex version and no max_tokens", async () => {
    const count = await client('europe-west1').messages.countTokens(
      { model: 'anthropic.claude-opus-4-1@20250805', system: 'Be brief.', messages: [{ role: 'user', content: 'how many tokens are in this request?' }] },
      { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    expect(last().url).toBe('/v1/projects/my-project/locations/europe-west1/publishers/anthropic/models/count-tokens:rawPredict');
    expect(last().headers.authorization).toBe('Bearer ya29.access-token');
    expect(last().json).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      model: 'claude-opus-4-1@20250805',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'how many tokens are in this request?' }],
      anthropic_beta: ['context-1m-2025-08-07'],
    });
    expect(count).toEqual({ input_tokens: 9 });
  });

  it('counts on the global location too', async () => {
    await client('global').messages.countTokens({ model: 'claude-sonnet-4-5@20250929', messages: [{ role: 'user', content: 'Hi' }] });
    expect(last().url).toBe('/v1/projects/my-project/locations/global/publishers/anthropic/models/count-tokens:rawPredict');
    expect(last().json.model).toBe('claude-sonnet-4-5@20250929');
  });
});
