/**
 * OpenAI through the shared conformance suite. OpenAI's format is the gateway's own, so every body
 * must reach the upstream unchanged and every answer come back unchanged.
 */
import { expect } from 'vitest';
import { chatChunkEvents, chatCompletion, describeProviderConformance, httpsImageUrl, pngDataUrl, sendEvents, sendJson } from '@ai-gateway/testing';
import { openaiProvider } from './openai-provider.js';

const model = 'gpt-4o-mini';
const toolCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };

function chunk(delta: object, finishReason: string | null = null) {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}

describeProviderConformance({
  provider: 'openai',
  providers: [openaiProvider],
  model,
  customHost: (origin) => `${origin}/v1`,
  upstream: {
    chat: (_, response) => sendJson(response, 200, chatCompletion(model)),
    chatStream: (request, response) => sendEvents(response, chatChunkEvents(model, undefined, request.json.stream_options?.include_usage)),
    toolCall: (_, response) => {
      const body = chatCompletion(model);
      sendJson(response, 200, { ...body, choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [toolCall] }, finish_reason: 'tool_calls' }] });
    },
    toolCallStream: (_, response) => sendEvents(response, [
      chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({}, 'tool_calls'),
      'data: [DONE]\n\n',
    ]),
    error: (_, response) => sendJson(response, 400, { error: { message: 'conformance: bad request', type: 'invalid_request_error', param: null, code: null } }),
  },
  expectChatRequest(request) {
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer conformance-key');
    expect(request.json).toEqual({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], max_tokens: 50, temperature: 0.3, stop: ['END'] });
  },
  expectToolRequest(request) {
    expect(request.json.tools[0].function.name).toBe('get_weather');
    expect(request.json.tool_choice).toBe('auto');
  },
  expectToolResultRequest(request) {
    expect(request.json.messages[1].tool_calls[0].id).toBe('call_1');
    expect(request.json.messages[2]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' });
  },
  expectVisionRequest(request) {
    expect(request.json.messages[0].content[1].image_url.url).toBe(httpsImageUrl);
    expect(request.json.messages[0].content[2].image_url.url).toBe(pngDataUrl);
  },
});
