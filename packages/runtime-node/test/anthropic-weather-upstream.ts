/**
 * A mock Anthropic Messages upstream playing a one-tool agent: it asks for `get_weather` with
 * `{"city": "Paris"}` first, and answers with text once a `tool_result` is in the conversation.
 * JSON or server-sent events, as the request asks.
 */
import type { ServerResponse } from 'node:http';
import { sendEvents, sendJson, type RecordedRequest } from '@ai-gateway/testing';

export const weatherAnswer = 'It is 21 degrees in Paris.';
const usage = { input_tokens: 20, output_tokens: 10 };

function hasToolResult(request: RecordedRequest): boolean {
  return request.json.messages.some((message: { content: unknown }) => Array.isArray(message.content) && message.content.some((block: { type?: string }) => block.type === 'tool_result'));
}

const event = (data: Record<string, unknown>) => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

function streamedToolCall(model: string): string[] {
  return [
    event({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } }),
    event({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city":' } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: ' "Paris"}' } }),
    event({ type: 'content_block_stop', index: 0 }),
    event({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 10 } }),
    event({ type: 'message_stop' }),
  ];
}

function streamedText(model: string): string[] {
  const [first, second] = [weatherAnswer.slice(0, 10), weatherAnswer.slice(10)];
  return [
    event({ type: 'message_start', message: { id: 'msg_2', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } }),
    event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: first } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: second } }),
    event({ type: 'content_block_stop', index: 0 }),
    event({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 10 } }),
    event({ type: 'message_stop' }),
  ];
}

/** The mock upstream's handler: a tool call, then text. */
export function anthropicWeatherAgent(request: RecordedRequest, response: ServerResponse): void | Promise<void> {
  const model = String(request.json.model);
  const done = hasToolResult(request);
  if (request.json.stream) return sendEvents(response, done ? streamedText(model) : streamedToolCall(model));
  const content = done ? [{ type: 'text', text: weatherAnswer }] : [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }];
  sendJson(response, 200, { id: done ? 'msg_2' : 'msg_1', type: 'message', role: 'assistant', model, content, stop_reason: done ? 'end_turn' : 'tool_use', stop_sequence: null, usage });
}
