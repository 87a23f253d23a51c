/**
 * Extended thinking through `/v1/messages` with the official Anthropic SDK: passed through to
 * Anthropic and to Claude on Vertex AI untouched (thinking and redacted_thinking blocks with their
 * signatures, both ways, JSON and streamed), and translated to `reasoning_effort` and back from
 * reasoning text for an OpenAI-format target.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { withFields } from '@ai-gateway/core';
import { sendEvents, sendJson } from '../mock-upstream.js';
import { anthropicEvents, anthropicMessage, last, openAIChunk, useAnthropicHarness } from './anthropic-harness.js';
import type { StartGateway } from './harness.js';

export const thinkingMessage = withFields(anthropicMessage, {
  content: [
    { type: 'thinking', thinking: 'The user greets me.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3h' },
    { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
    { type: 'text', text: 'Bonjour' },
  ],
});

const thinkingStream = anthropicEvents([
  { type: 'message_start', message: withFields(anthropicMessage, { content: [], stop_reason: null }) },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'The user ' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'greets me.' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3h' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Bonjour' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 20 } },
  { type: 'message_stop' },
]);

const thinking = { type: 'enabled' as const, budget_tokens: 2048 };

/** A second turn that hands the signed thinking back, as Claude Code does with tool use. */
const secondTurn = (model: string): Anthropic.MessageCreateParamsNonStreaming => ({
  model, max_tokens: 4096, thinking,
  messages: [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: thinkingMessage.content as Anthropic.ContentBlockParam[] },
    { role: 'user', content: 'And in German?' },
  ],
});

export function describeAnthropicThinking(name: string, start: StartGateway): void {
  describe(`Anthropic SDK at /v1/messages with thinking, on ${name}`, () => {
    const harness = useAnthropicHarness(start);
    const { client } = harness;

    it('passes thinking and redacted_thinking blocks with their signatures to Anthropic and back', async () => {
      harness.anthropic.setHandler((_, response) => sendJson(response, 200, thinkingMessage));
      const message = await client('anthropic').messages.create(secondTurn('claude-sonnet-5'));
      expect(last(harness.anthropic).json).toEqual(secondTurn('claude-sonnet-5'));
      expect(message.content).toEqual(thinkingMessage.content);
    });

    it('streams thinking_delta and signature_delta from Anthropic untouched', async () => {
      harness.anthropic.setHandler((_, response) => sendEvents(response, thinkingStream));
      const message = await client('anthropic').messages.stream({ model: 'claude-sonnet-5', max_tokens: 4096, thinking, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
      expect(message.content).toEqual([{ type: 'thinking', thinking: 'The user greets me.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3h' }, { type: 'text', text: 'Bonjour' }]);
    });

    it('passes thinking to Claude on Vertex AI untouched, the model in the path', async () => {
      harness.anthropic.setHandler((_, response) => sendJson(response, 200, thinkingMessage));
      const vertex = new Anthropic({
        authToken: 'ya29.access-token', baseURL: harness.gateway.url, maxRetries: 0,
        defaultHeaders: { 'x-portkey-provider': 'vertex-ai', 'x-portkey-vertex-project-id': 'my-project', 'x-portkey-vertex-region': 'us-east5', 'x-portkey-custom-host': `${harness.anthropic.origin}/v1` },
      });
      const message = await vertex.messages.create(secondTurn('claude-sonnet-4-5@20250929'), { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' }, query: { beta: 'true' } });
      const received = last(harness.anthropic);
      expect(received.url).toBe('/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict');
      expect(received.headers.authorization).toBe('Bearer ya29.access-token');
      const { model: _model, ...rest } = secondTurn('claude-sonnet-4-5@20250929');
      expect(received.json).toEqual({ anthropic_version: 'vertex-2023-10-16', ...rest, anthropic_beta: ['interleaved-thinking-2025-05-14'] });
      expect(message.content).toEqual(thinkingMessage.content);

      harness.anthropic.setHandler((_, response) => sendEvents(response, thinkingStream));
      const streamed = await vertex.messages.stream({ model: 'claude-sonnet-4-5@20250929', max_tokens: 4096, thinking, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
      expect(last(harness.anthropic).url).toMatch(/:streamRawPredict$/);
      expect(streamed.content[0]).toEqual({ type: 'thinking', thinking: 'The user greets me.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3h' });
    });

    it('asks an OpenAI target for reasoning_effort and answers its reasoning as a thinking block', async () => {
      harness.openai.setHandler((request, response) => sendJson(response, 200, {
        id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: request.json.model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'Guten Tag', reasoning_content: 'German greeting.' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      }));
      const message = await client('openai').messages.create(secondTurn('o4-mini'));
      const sent = last(harness.openai).json;
      expect(sent.reasoning_effort).toBe('low');
      expect(sent.thinking).toBeUndefined();
      // Thinking from another provider cannot be sent on: its signature is Anthropic's alone.
      expect(sent.messages[1]).toEqual({ role: 'assistant', content: 'Bonjour' });
      expect(message.content).toEqual([{ type: 'thinking', thinking: 'German greeting.', signature: '' }, { type: 'text', text: 'Guten Tag' }]);
    });

    it('streams an OpenAI target reasoning as thinking_delta events', async () => {
      harness.openai.setHandler((_, response) => sendEvents(response, [
        openAIChunk({ role: 'assistant', reasoning_content: 'German ' }),
        openAIChunk({ reasoning_content: 'greeting.' }),
        openAIChunk({ content: 'Guten Tag' }),
        openAIChunk({}, 'stop'),
        'data: [DONE]\n\n',
      ]));
      const stream = client('openai').messages.stream({ model: 'o4-mini', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 20000 }, messages: [{ role: 'user', content: 'Hi' }] });
      const deltas: string[] = [];
      stream.on('thinking', (delta) => deltas.push(delta));
      const message = await stream.finalMessage();
      expect(last(harness.openai).json.reasoning_effort).toBe('high');
      expect(deltas).toEqual(['German ', 'greeting.']);
      expect(message.content).toEqual([{ type: 'thinking', thinking: 'German greeting.', signature: '' }, { type: 'text', text: 'Guten Tag' }]);
    });
  });
}
