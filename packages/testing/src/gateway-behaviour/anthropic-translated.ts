/**
 * The official Anthropic SDK at `/v1/messages` routed to an OpenAI target: the request and the
 * answer translated both ways, JSON and streamed, with tools and errors.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { sendEvents, sendJson } from '../mock-upstream.js';
import { mockChatText, mockStreamPieces } from '../openai-mock.js';
import { last, openAIChunk, toolCall, useAnthropicHarness, weatherTool } from './anthropic-harness.js';
import type { StartGateway } from './harness.js';

export function describeAnthropicTranslated(name: string, start: StartGateway): void {
  describe(`Anthropic SDK at /v1/messages, OpenAI target, on ${name}`, () => {
    const harness = useAnthropicHarness(start);
    const { client } = harness;

    it('translates a message request and its answer', async () => {
      // Earlier SDK versions send temperature; this one no longer types it, the wire format still carries it.
      const message = await client('openai').messages.create({
        model: 'gpt-4o-mini', max_tokens: 100, system: 'Be brief.', stop_sequences: ['END'], temperature: 0.2,
        messages: [{ role: 'user', content: 'Hi' }],
      } as Anthropic.MessageCreateParamsNonStreaming);
      expect(last(harness.openai).url).toBe('/v1/chat/completions');
      expect(last(harness.openai).headers.authorization).toBe('Bearer sk-client-key');
      expect(last(harness.openai).json).toEqual({
        model: 'gpt-4o-mini', max_tokens: 100, stop: ['END'], temperature: 0.2,
        messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
      });
      expect(message.type).toBe('message');
      expect(message.content).toEqual([{ type: 'text', text: mockChatText }]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage).toMatchObject({ input_tokens: 9, output_tokens: 5 });
    });

    it('streams text as Anthropic events, usage in message_delta', async () => {
      const stream = client('openai').messages.stream({ model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
      const eventTypes: string[] = [];
      for await (const event of stream) eventTypes.push(event.type);
      const message = await stream.finalMessage();
      expect(last(harness.openai).json).toMatchObject({ stream: true, stream_options: { include_usage: true } });
      expect(message.content).toMatchObject([{ type: 'text', text: mockStreamPieces.join('') }]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage.output_tokens).toBe(mockStreamPieces.length);
      expect(eventTypes[0]).toBe('message_start');
      expect(eventTypes.at(-1)).toBe('message_stop');
    });

    it('translates tools, a tool call and the tool result that follows', async () => {
      const anthropicClient = client('openai', { authToken: 'sk-bearer-key' });
      const message = await anthropicClient.messages.create({
        model: 'gpt-4o-mini', max_tokens: 100, tools: [weatherTool], tool_choice: { type: 'any' },
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      });
      expect(last(harness.openai).headers.authorization).toBe('Bearer sk-bearer-key');
      expect(last(harness.openai).json.tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: weatherTool.description, parameters: weatherTool.input_schema } }]);
      expect(last(harness.openai).json.tool_choice).toBe('required');
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }]);

      await anthropicClient.messages.create({
        model: 'gpt-4o-mini', max_tokens: 100, tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: message.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '{"temp":21}' }, { type: 'text', text: 'Thanks' }] },
        ],
      });
      expect(last(harness.openai).json.messages.slice(1)).toEqual([
        { role: 'assistant', content: null, tool_calls: [toolCall] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
        { role: 'user', content: 'Thanks' },
      ]);
    });

    it('streams a tool call as tool_use with input_json_delta', async () => {
      const stream = client('openai').messages.stream({ model: 'gpt-4o-mini', max_tokens: 100, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather?' }] });
      const message = await stream.finalMessage();
      expect(message.content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }]);
      expect(message.stop_reason).toBe('tool_use');
      expect(message.usage).toMatchObject({ input_tokens: 16, output_tokens: 8, cache_read_input_tokens: 4 });
    });

    it('answers an upstream error in Anthropic error shape, status kept', async () => {
      harness.openai.setHandler((_, response) => sendJson(response, 429, { error: { message: 'Slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } }));
      const failure = await client('openai').messages.create({ model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Anthropic.RateLimitError);
      expect((failure as InstanceType<typeof Anthropic.APIError>).error).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } });
    });

    it('raises an error that arrives inside an OpenAI stream', async () => {
      harness.openai.setHandler((_, response) => sendEvents(response, [openAIChunk({ role: 'assistant', content: 'Hel' }), `data: ${JSON.stringify({ error: { message: 'upstream broke', type: 'server_error' } })}\n\n`]));
      const stream = client('openai').messages.stream({ model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
      const failure = await stream.finalMessage().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Anthropic.APIError);
      expect((failure as Error).message).toContain('upstream broke');
    });
  });
}
