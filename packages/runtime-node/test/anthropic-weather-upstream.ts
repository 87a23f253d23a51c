/**
 * A mock Anthropic Messages upstream playing a one-tool agent: it asks for `get_weather` with
 * `{"city": "Paris"}` first, and answers with text once a `tool_result` is in the conversation.
 * JSON or server-sent events, as the request asks. Asked to reason (`thinking` or
 * `output_config.effort`), it thinks before the call with a signed block, and then holds the next
 * turn to Anthropic's rule: the assistant turn with the call must start with that block, unchanged,
 * else a 400 as Anthropic answers it
 * (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks).
 */
import type { ServerResponse } from 'node:http';
import { sendEvents, sendJson, type RecordedRequest } from '@ai-gateway/testing';

export const weatherAnswer = 'It is 21 degrees in Paris.';
export const weatherThinking = { type: 'thinking', thinking: 'I should fetch the weather first.', signature: 'EqQBCkYIARgCIkDsigned-by-anthropic' };
const usage = { input_tokens: 20, output_tokens: 10 };

function hasToolResult(request: RecordedRequest): boolean {
  return request.json.messages.some((message: { content: unknown }) => Array.isArray(message.content) && message.content.some((block: { type?: string }) => block.type === 'tool_result'));
}

function reasons(request: RecordedRequest): boolean {
  return request.json.thinking !== undefined || request.json.output_config?.effort !== undefined;
}

/** Anthropic's check on a thinking conversation: the call's turn starts with the block it signed. */
function thinkingBlockMissing(request: RecordedRequest): boolean {
  const assistant = request.json.messages.findLast((message: { role: string }) => message.role === 'assistant');
  const first = Array.isArray(assistant?.content) ? assistant.content[0] : undefined;
  return JSON.stringify(first) !== JSON.stringify(weatherThinking);
}

const event = (data: Record<string, unknown>) => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

function streamedThinking(): string[] {
  const [first, second] = [weatherThinking.thinking.slice(0, 12), weatherThinking.thinking.slice(12)];
  return [
    event({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: first } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: second } }),
    event({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: weatherThinking.signature } }),
    event({ type: 'content_block_stop', index: 0 }),
  ];
}

function streamedToolCall(model: string, thinks: boolean): string[] {
  const index = thinks ? 1 : 0;
  return [
    event({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } }),
    ...(thinks ? streamedThinking() : []),
    event({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } }),
    event({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '{"city":' } }),
    event({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: ' "Paris"}' } }),
    event({ type: 'content_block_stop', index }),
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
  const thinks = reasons(request);
  if (done && thinks && thinkingBlockMissing(request)) {
    return sendJson(response, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.' } });
  }
  if (request.json.stream) return sendEvents(response, done ? streamedText(model) : streamedToolCall(model, thinks));
  const call = { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } };
  const content = done ? [{ type: 'text', text: weatherAnswer }] : thinks ? [weatherThinking, call] : [call];
  sendJson(response, 200, { id: done ? 'msg_2' : 'msg_1', type: 'message', role: 'assistant', model, content, stop_reason: done ? 'end_turn' : 'tool_use', stop_sequence: null, usage });
}
