/** The request mapping alone: what Anthropic receives for each OpenAI parameter, and what is refused. */
import { describe, expect, it } from 'vitest';
import type { GatewayError } from '@ai-gateway/provider-utils';
import { toAnthropicMessagesRequest } from './chat-request.js';

const model = 'claude-sonnet-4-5';
const user = { role: 'user', content: 'Hi' };

function refusal(body: Record<string, unknown>): GatewayError {
  try {
    toAnthropicMessagesRequest({ model, messages: [user], ...body });
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected a 400');
}

describe('toAnthropicMessagesRequest', () => {
  it('gathers system and developer messages, wherever they stand, into the top-level system', () => {
    const request = toAnthropicMessagesRequest({
      model,
      messages: [{ role: 'developer', content: 'Rule one.' }, user, { role: 'system', content: [{ type: 'text', text: 'Rule two.' }] }],
    });
    expect(request.system).toEqual([{ type: 'text', text: 'Rule one.' }, { type: 'text', text: 'Rule two.' }]);
    expect(request.messages).toEqual([user]);
  });

  it('prefers max_completion_tokens, then max_tokens, then the documented default', () => {
    expect(toAnthropicMessagesRequest({ model, messages: [user], max_completion_tokens: 10, max_tokens: 20 }).max_tokens).toBe(10);
    expect(toAnthropicMessagesRequest({ model, messages: [user], max_tokens: 20 }).max_tokens).toBe(20);
    expect(toAnthropicMessagesRequest({ model, messages: [user] }).max_tokens).toBe(4096);
  });

  it('passes out-of-range values on for Anthropic to judge, never clamps them', () => {
    const request = toAnthropicMessagesRequest({ model, messages: [user], temperature: 7, top_p: 3, max_tokens: 10_000_000 });
    expect(request).toMatchObject({ temperature: 7, top_p: 3, max_tokens: 10_000_000 });
  });

  it('maps stop, user, tool_choice and parallel_tool_calls', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }];
    expect(toAnthropicMessagesRequest({ model, messages: [user], stop: 'END', user: 'u-1' })).toMatchObject({ stop_sequences: ['END'], metadata: { user_id: 'u-1' } });
    expect(toAnthropicMessagesRequest({ model, messages: [user], tools, tool_choice: 'required' }).tool_choice).toEqual({ type: 'any' });
    expect(toAnthropicMessagesRequest({ model, messages: [user], tools, tool_choice: 'none' }).tool_choice).toEqual({ type: 'none' });
    expect(toAnthropicMessagesRequest({ model, messages: [user], tools, tool_choice: { type: 'function', function: { name: 'f' } } }).tool_choice).toEqual({ type: 'tool', name: 'f' });
    expect(toAnthropicMessagesRequest({ model, messages: [user], tools, parallel_tool_calls: false }).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
  });

  it('puts the tool results of parallel calls in one user turn, before the user text that follows', () => {
    const request = toAnthropicMessagesRequest({
      model,
      messages: [
        user,
        { role: 'assistant', content: '', tool_calls: [
          { id: 'a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
          { id: 'b', type: 'function', function: { name: 'f', arguments: '' } },
        ] },
        { role: 'tool', tool_call_id: 'a', content: 'one' },
        { role: 'tool', tool_call_id: 'b', content: [{ type: 'text', text: 'two' }] },
        { role: 'user', content: 'And now?' },
      ],
    });
    expect(request.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'f', input: { x: 1 } }, { type: 'tool_use', id: 'b', name: 'f', input: {} }] },
      { role: 'user', content: [
        { type: 'tool_result', tool_use_id: 'a', content: 'one' },
        { type: 'tool_result', tool_use_id: 'b', content: [{ type: 'text', text: 'two' }] },
        { type: 'text', text: 'And now?' },
      ] },
    ]);
  });

  it('maps json_schema to structured outputs and drops json_object and seed', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    const request = toAnthropicMessagesRequest({ model, messages: [user], response_format: { type: 'json_schema', json_schema: { name: 'thing', schema, strict: true } } });
    expect(request.output_config).toEqual({ format: { type: 'json_schema', schema } });
    const dropped = toAnthropicMessagesRequest({ model, messages: [user], response_format: { type: 'json_object' }, seed: 7, frequency_penalty: 1, n: 1 });
    expect(dropped).toEqual({ model, max_tokens: 4096, messages: [user] });
  });

  it('keeps cache_control on content parts so prompt caching works', () => {
    const request = toAnthropicMessagesRequest({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'long', cache_control: { type: 'ephemeral' } }] }] });
    expect(request.messages[0].content).toEqual([{ type: 'text', text: 'long', cache_control: { type: 'ephemeral' } }]);
  });

  it('maps PDF data URLs in file parts to document blocks', () => {
    const request = toAnthropicMessagesRequest({ model, messages: [{ role: 'user', content: [{ type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } }] }] });
    expect(request.messages[0].content).toEqual([{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'a.pdf' }]);
  });

  it('refuses, with a 400 naming the parameter, what Anthropic cannot do', () => {
    expect(refusal({ n: 2 })).toMatchObject({ status: 400, param: 'n', code: 'unsupported_parameter' });
    expect(refusal({ logprobs: true })).toMatchObject({ status: 400, param: 'logprobs' });
    expect(refusal({ modalities: ['text', 'audio'] })).toMatchObject({ status: 400, param: 'modalities' });
    expect(refusal({ reasoning_effort: 'minimal' })).toMatchObject({ status: 400, param: 'reasoning_effort' });
    expect(refusal({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] })).toMatchObject({ status: 400, param: 'messages[0].content[0]' });
    expect(refusal({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }] })).toMatchObject({ status: 400 });
  });
});
