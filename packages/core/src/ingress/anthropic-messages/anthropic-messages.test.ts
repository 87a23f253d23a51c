/** The Anthropic Messages ingress conversions alone: request to OpenAI chat, and OpenAI answers back. */
import { describe, expect, it } from 'vitest';
import { chatStreamToAnthropic } from './from-chat-stream.js';
import { chatToAnthropicResponse } from './from-chat-response.js';
import { anthropicToChatRequest } from './to-chat-request.js';
import { chatChunk, translatedEvents } from '../../../test/stream-events.js';

const convertStream = (events: string[]) => translatedEvents(chatStreamToAnthropic({ model: 'm' }), events);
const chunk = chatChunk;

describe('anthropicToChatRequest', () => {
  it('maps system blocks, images, documents, tool choice and drops Anthropic-only fields', () => {
    const chat = anthropicToChatRequest({
      model: 'm', max_tokens: 10, top_k: 3, thinking: { type: 'enabled', budget_tokens: 1024 }, service_tier: 'auto',
      system: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } }],
      tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'f', disable_parallel_tool_use: true },
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
      messages: [{ role: 'user', content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA' } },
        { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVB' }, title: 'a.pdf' },
      ] }],
    });
    expect(chat).toEqual({
      model: 'm', max_tokens: 10,
      messages: [
        { role: 'system', content: 'A\n\nB' },
        { role: 'user', content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA' } },
          { type: 'image_url', image_url: { url: 'https://x/y.png' } },
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVB' } },
        ] },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' }, strict: true } },
      reasoning_effort: 'low',
    });
  });

  it('turns thinking into reasoning_effort: a named effort first, else one for the budget', () => {
    const effortOf = (fields: object) => anthropicToChatRequest({ model: 'm', max_tokens: 1, messages: [], ...fields }).reasoning_effort;
    expect(effortOf({ thinking: { type: 'enabled', budget_tokens: 1024 } })).toBe('low');
    expect(effortOf({ thinking: { type: 'enabled', budget_tokens: 8000 } })).toBe('medium');
    expect(effortOf({ thinking: { type: 'enabled', budget_tokens: 32000 } })).toBe('high');
    expect(effortOf({ thinking: { type: 'adaptive' }, output_config: { effort: 'medium' } })).toBe('medium');
    expect(effortOf({ thinking: { type: 'adaptive' } })).toBeUndefined();
    expect(effortOf({ thinking: { type: 'disabled' }, output_config: { effort: 'high' } })).toBeUndefined();
    // A config's override_params: {"reasoning_effort": null} keeps it off for a model without reasoning.
    expect(effortOf({ thinking: { type: 'enabled', budget_tokens: 8000 }, reasoning_effort: null })).toBeUndefined();
    expect(effortOf({})).toBeUndefined();
  });

  it('refuses server tools, which only Anthropic runs', () => {
    expect(() => anthropicToChatRequest({ model: 'm', max_tokens: 1, messages: [], tools: [{ type: 'web_search_20250305', name: 'web_search' }] })).toThrow(/server tools/);
  });
});

describe('chatToAnthropicResponse', () => {
  it('maps refusals, usage with cache reads, and the finish reason', () => {
    const message = chatToAnthropicResponse({
      id: 'c1', model: 'gpt', choices: [{ message: { content: null, refusal: 'No.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 100, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 60 } },
    }, { model: 'm' });
    expect(message).toMatchObject({ content: [{ type: 'text', text: 'No.' }], stop_reason: 'refusal', usage: { input_tokens: 40, cache_read_input_tokens: 60, output_tokens: 3 } });
  });
});

describe('chatStreamToAnthropic', () => {
  it('turns text and parallel tool calls into content blocks, each closed before the next', async () => {
    const events = await convertStream([
      chunk({ role: 'assistant', content: 'Hi' }),
      chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      `data: ${JSON.stringify({ id: 'c1', choices: [], usage: { prompt_tokens: 5, completion_tokens: 9 } })}\n\n`,
      'data: [DONE]\n\n',
    ]);
    expect(events.map((event) => [event.event, event.data.index ?? null])).toEqual([
      ['message_start', null],
      ['content_block_start', 0], ['content_block_delta', 0],
      ['content_block_stop', 0], ['content_block_start', 1], ['content_block_delta', 1], ['content_block_delta', 1],
      ['content_block_stop', 1], ['content_block_start', 2], ['content_block_delta', 2],
      ['content_block_stop', 2], ['message_delta', null], ['message_stop', null],
    ]);
    expect(events[8].data.content_block).toEqual({ type: 'tool_use', id: 'b', name: 'g', input: {} });
    expect(events.at(-2)!.data).toMatchObject({ delta: { stop_reason: 'tool_use' }, usage: { input_tokens: 5, output_tokens: 9 } });
  });

  it('streams reasoning deltas as a thinking block before the text', async () => {
    const events = await convertStream([
      chunk({ role: 'assistant', reasoning_content: 'Let me ' }),
      chunk({ reasoning: 'think.' }),
      chunk({ content: 'Answer' }),
      chunk({}, 'stop'),
      'data: [DONE]\n\n',
    ]);
    expect(events.slice(1, 7).map((event) => event.data.content_block ?? event.data.delta ?? event.event)).toEqual([
      { type: 'thinking', thinking: '', signature: '' },
      { type: 'thinking_delta', thinking: 'Let me ' },
      { type: 'thinking_delta', thinking: 'think.' },
      'content_block_stop',
      { type: 'text', text: '' },
      { type: 'text_delta', text: 'Answer' },
    ]);
  });

  it('finishes a stream that has a finish reason but no [DONE], and fails one that has neither', async () => {
    expect((await convertStream([chunk({ content: 'a' }, 'length')])).map((event) => event.event).slice(-2)).toEqual(['message_delta', 'message_stop']);
    const cut = await convertStream([chunk({ content: 'a' })]);
    expect(cut.at(-1)).toEqual({ event: 'error', data: { type: 'error', error: { type: 'api_error', message: 'The upstream ended the stream before the answer was complete.' } } });
  });

  it('turns an OpenAI error event into an Anthropic error event, keeping an Anthropic type', async () => {
    const events = await convertStream([chunk({ content: 'a' }), `data: ${JSON.stringify({ error: { message: 'Overloaded', type: 'overloaded_error' } })}\n\n`]);
    expect(events.at(-1)).toEqual({ event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
  });
});
