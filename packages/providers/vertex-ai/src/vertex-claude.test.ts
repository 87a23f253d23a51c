/**
 * Claude on Vertex AI through the shared conformance suite: Anthropic's Messages format sent to
 * `:rawPredict` / `:streamRawPredict`, with `anthropic_version: vertex-2023-10-16` and no model in the body.
 */
import { expect } from 'vitest';
import { describeProviderConformance, httpsImageUrl, pngBase64 } from '@ai-gateway/testing';
import { replayEvents, replayJson } from './__fixtures__/fixtures.js';
import { createVertexAIProvider } from './vertex-provider.js';

const model = 'claude-sonnet-4-5@20250929';
const modelPath = `/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/${model}`;

describeProviderConformance({
  provider: 'vertex-ai',
  providers: [createVertexAIProvider()],
  model,
  headers: { 'x-portkey-vertex-project-id': 'my-project', 'x-portkey-vertex-region': 'us-east5' },
  customHost: (origin) => `${origin}/v1`,
  upstream: {
    chat: (_, response) => replayJson(response, 'vertex-claude-text.json'),
    chatStream: (_, response) => replayEvents(response, 'vertex-claude-text.chunks.txt', 'anthropic'),
    toolCall: (_, response) => replayJson(response, 'vertex-claude-tool-call.json'),
    toolCallStream: (_, response) => replayEvents(response, 'vertex-claude-tool-call.chunks.txt', 'anthropic'),
    error: (_, response) => replayJson(response, 'vertex-claude-error.json', 400),
    streamError: (_, response) => replayEvents(response, 'vertex-claude-stream-error.chunks.txt', 'anthropic'),
  },
  expectChatRequest(request) {
    expect(request.url).toBe(`${modelPath}:rawPredict`);
    expect(request.headers.authorization).toBe('Bearer conformance-key');
    expect(request.json.anthropic_version).toBe('vertex-2023-10-16');
    expect(request.json.model).toBeUndefined();
    expect(request.json).toMatchObject({ system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 50, temperature: 0.3, stop_sequences: ['END'] });
  },
  expectStreamRequest(request) {
    expect(request.url).toBe(`${modelPath}:streamRawPredict`);
    expect(request.json.stream).toBe(true);
  },
  expectToolRequest(request) {
    expect(request.json.tools[0]).toMatchObject({ name: 'get_weather', input_schema: { type: 'object' } });
    expect(request.json.tool_choice).toEqual({ type: 'auto' });
  },
  expectToolResultRequest(request) {
    expect(JSON.stringify(request.json.messages)).toContain('call_1');
    expect(JSON.stringify(request.json.messages)).toContain('tool_result');
  },
  expectVisionRequest(request) {
    const blocks = JSON.stringify(request.json.messages[0].content);
    expect(blocks).toContain(httpsImageUrl);
    expect(blocks).toContain(pngBase64);
  },
});
