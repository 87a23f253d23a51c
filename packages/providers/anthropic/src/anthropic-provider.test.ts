/**
 * Anthropic through the shared conformance suite: the openai SDK talks to the gateway, whose
 * upstream is a mock answering with Anthropic's documented examples (src/__fixtures__).
 */
import { expect } from 'vitest';
import { describeProviderConformance, httpsImageUrl, pngBase64, sendJson } from '@ai-gateway/testing';
import { anthropicProvider } from './anthropic-provider.js';
import { replayEvents, replayJson } from './__fixtures__/replay-fixture.js';

const model = 'claude-sonnet-4-5-20250929';

describeProviderConformance({
  provider: 'anthropic',
  providers: [anthropicProvider],
  model,
  customHost: (origin) => `${origin}/v1`,
  upstream: {
    chat: replayJson('anthropic-text'),
    chatStream: replayEvents('anthropic-text'),
    toolCall: replayJson('anthropic-tool-call'),
    toolCallStream: replayEvents('anthropic-tool-call'),
    error: (_, response) => sendJson(response, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'conformance: bad request' } }),
    streamError: replayEvents('anthropic-error'),
  },
  expectChatRequest(request) {
    expect(request.url).toBe('/v1/messages');
    expect(request.headers['x-api-key']).toBe('conformance-key');
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.json).toEqual({
      model,
      max_tokens: 50,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.3,
      stop_sequences: ['END'],
    });
  },
  expectStreamRequest(request) {
    expect(request.json.stream).toBe(true);
    // OpenAI's stream_options has no Anthropic twin: usage always arrives in message_delta.
    expect(request.json.stream_options).toBeUndefined();
    expect(request.json.max_tokens).toBe(4096);
  },
  expectToolRequest(request) {
    expect(request.json.tools).toEqual([{
      name: 'get_weather',
      description: 'Current weather for a city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    }]);
    expect(request.json.tool_choice).toEqual({ type: 'auto' });
  },
  expectToolResultRequest(request) {
    expect(request.json.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '{"temp":21}' }] },
    ]);
  },
  expectVisionRequest(request) {
    expect(request.json.messages[0].content).toEqual([
      { type: 'text', text: 'What is in these?' },
      { type: 'image', source: { type: 'url', url: httpsImageUrl } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngBase64 } },
    ]);
  },
});

