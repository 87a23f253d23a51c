/**
 * Gemini on Vertex AI through the shared conformance suite, with an access token as the key and
 * project and region from Portkey's headers. Answers are Vertex's documented shapes, from `__fixtures__`.
 */
import { expect } from 'vitest';
import { describeProviderConformance, httpsImageUrl, pngBase64 } from '@ai-gateway/testing';
import { replayEvents, replayJson } from './__fixtures__/fixtures.js';
import { createVertexAIProvider } from './vertex-provider.js';

const model = 'gemini-2.0-flash-001';
const modelPath = `/v1/projects/my-project/locations/us-central1/publishers/google/models/${model}`;

describeProviderConformance({
  provider: 'vertex-ai',
  providers: [createVertexAIProvider()],
  model,
  headers: { 'x-portkey-vertex-project-id': 'my-project', 'x-portkey-vertex-region': 'us-central1' },
  customHost: (origin) => `${origin}/v1`,
  upstream: {
    chat: (_, response) => replayJson(response, 'vertex-gemini-text.json'),
    chatStream: (_, response) => replayEvents(response, 'vertex-gemini-text.chunks.txt'),
    toolCall: (_, response) => replayJson(response, 'vertex-gemini-tool-call.json'),
    toolCallStream: (_, response) => replayEvents(response, 'vertex-gemini-tool-call.chunks.txt'),
    error: (_, response) => replayJson(response, 'vertex-error.json', 400),
    streamError: (_, response) => replayEvents(response, 'vertex-gemini-stream-error.chunks.txt'),
  },
  expectChatRequest(request) {
    expect(request.url).toBe(`${modelPath}:generateContent`);
    expect(request.headers.authorization).toBe('Bearer conformance-key');
    expect(request.json).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      generationConfig: { maxOutputTokens: 50, temperature: 0.3, stopSequences: ['END'] },
    });
  },
  expectStreamRequest(request) {
    expect(request.url).toBe(`${modelPath}:streamGenerateContent?alt=sse`);
  },
  expectToolRequest(request) {
    expect(request.json.tools[0].functionDeclarations[0].name).toBe('get_weather');
    expect(request.json.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
  },
  expectToolResultRequest(request) {
    expect(request.json.contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }] },
    ]);
  },
  expectVisionRequest(request) {
    expect(request.json.contents[0].parts.slice(1)).toEqual([
      { fileData: { mimeType: 'image/png', fileUri: httpsImageUrl } },
      { inlineData: { mimeType: 'image/png', data: pngBase64 } },
    ]);
  },
});
