/**
 * Upstreams for the Anthropic-format topics: an OpenAI one (text, or a tool call when tools are
 * offered, JSON or streamed) and an Anthropic one, both on 127.0.0.1, and the official Anthropic
 * SDK pointed at the gateway's `/v1/messages`.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { withFields } from '@ai-gateway/core';
import { sendEvents, sendJson, startMockUpstream, type MockUpstream, type RecordedRequest } from '../mock-upstream.js';
import { chatChunkEvents, chatCompletion, mockStreamPieces } from '../openai-mock.js';
import { startTimeoutMs, type RunningRuntime, type StartGateway } from './harness.js';

export const weatherTool = { name: 'get_weather', description: 'Current weather for a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } };
export const toolCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };

export function openAIChunk(delta: object, finishReason: string | null = null) {
  return `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}

/** An OpenAI upstream: text or a tool call (when tools are offered and no tool result came back yet), JSON or streamed. */
export function openAIUpstream(request: RecordedRequest, response: ServerResponse) {
  const wantsTool = request.json.tools && !request.json.messages.some((message: { role: string }) => message.role === 'tool');
  if (!wantsTool) {
    if (request.json.stream) return sendEvents(response, chatChunkEvents(request.json.model, mockStreamPieces, request.json.stream_options?.include_usage));
    return sendJson(response, 200, chatCompletion(request.json.model));
  }
  if (!request.json.stream) {
    const body = chatCompletion(request.json.model);
    return sendJson(response, 200, withFields(body, { choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [toolCall] }, finish_reason: 'tool_calls' }] }));
  }
  return sendEvents(response, [
    openAIChunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
    openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
    openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
    openAIChunk({}, 'tool_calls'),
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28, prompt_tokens_details: { cached_tokens: 4 } } })}\n\n`,
    'data: [DONE]\n\n',
  ]);
}

export const anthropicMessage = {
  id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-5', content: [{ type: 'text', text: 'Bonjour' }],
  stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 2 },
};

export function anthropicEvents(events: object[]): string[] {
  return events.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`);
}

export const anthropicToolStream = anthropicEvents([
  { type: 'message_start', message: withFields(anthropicMessage, { content: [], stop_reason: null, usage: { input_tokens: 30, output_tokens: 1 } }) },
  { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } },
  { type: 'ping' },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city": "Pa' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: 'ris"}' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } },
  { type: 'message_stop' },
]);

export const last = (upstream: MockUpstream) => upstream.requests[upstream.requests.length - 1];

export interface AnthropicHarness {
  openai: MockUpstream;
  anthropic: MockUpstream;
  gateway: RunningRuntime;
  /** The Anthropic SDK on the gateway, routed to one provider's upstream by headers. */
  client(provider: 'openai' | 'anthropic', auth?: { apiKey?: string; authToken?: string }): Anthropic;
}

/** Both upstreams and a gateway for the whole `describe`; the upstreams are reset before each test. */
export function useAnthropicHarness(start: StartGateway): AnthropicHarness {
  const harness = {} as AnthropicHarness;
  harness.client = (provider, auth = { apiKey: 'sk-client-key' }) => new Anthropic(withFields(auth, {
    baseURL: harness.gateway.url,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': provider, 'x-portkey-custom-host': `${(provider === 'openai' ? harness.openai : harness.anthropic).origin}/v1` },
  }));
  beforeAll(async () => {
    harness.openai = await startMockUpstream(openAIUpstream);
    harness.anthropic = await startMockUpstream((_, response) => sendJson(response, 200, anthropicMessage));
    harness.gateway = await start({});
  }, startTimeoutMs);
  afterAll(async () => {
    await harness.gateway?.close();
    await harness.openai?.close();
    await harness.anthropic?.close();
  });
  beforeEach(() => {
    harness.openai.setHandler(openAIUpstream);
    harness.anthropic.setHandler((_, response) => sendJson(response, 200, anthropicMessage));
  });
  return harness;
}
