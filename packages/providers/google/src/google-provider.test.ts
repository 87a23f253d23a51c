/**
 * Google through the shared conformance suite: the openai SDK talks to the gateway, whose upstream
 * is a local server replaying Gemini's documented answers from `__fixtures__`.
 */
import { expect } from 'vitest';
import { describeProviderConformance, httpsImageUrl, pngBase64 } from '@ai-gateway/testing';
import { replayEvents, replayJson } from './__fixtures__/fixtures.js';
import { googleProvider } from './google-provider.js';

const model = 'gemini-2.0-flash';

describeProviderConformance({
  provider: 'google',
  providers: [googleProvider],
  model,
  customHost: (origin) => `${origin}/v1beta`,
  upstream: {
    chat: (_, response) => replayJson(response, 'gemini-text.json'),
    chatStream: (_, response) => replayEvents(response, 'gemini-text.chunks.txt'),
    toolCall: (_, response) => replayJson(response, 'gemini-tool-call.json'),
    toolCallStream: (_, response) => replayEvents(response, 'gemini-tool-call.chunks.txt'),
    error: (_, response) => replayJson(response, 'gemini-error.json', 400),
    streamError: (_, response) => replayEvents(response, 'gemini-stream-error.chunks.txt'),
  },
  expectChatRequest(request) {
    expect(request.url).toBe(`/v1beta/models/${model}:generateContent`);
    expect(request.headers['x-goog-api-key']).toBe('conformance-key');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.json).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      generationConfig: { maxOutputTokens: 50, temperature: 0.3, stopSequences: ['END'] },
    });
  },
  expectStreamRequest(request) {
    expect(request.url).toBe(`/v1beta/models/${model}:streamGenerateContent?alt=sse`);
    expect(request.json.stream).toBeUndefined();
  },
  expectToolRequest(request) {
    expect(request.json.tools).toEqual([{ functionDeclarations: [{ name: 'get_weather', description: 'Current weather for a city', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] }]);
    expect(request.json.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
  },
  expectToolResultRequest(request) {
    expect(request.json.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }] },
    ]);
  },
  expectVisionRequest(request) {
    expect(request.json.contents[0].parts).toEqual([
      { text: 'What is in these?' },
      { fileData: { mimeType: 'image/png', fileUri: httpsImageUrl } },
      { inlineData: { mimeType: 'image/png', data: pngBase64 } },
    ]);
  },
});
