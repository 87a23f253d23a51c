/**
 * A Claude-Code-shaped exchange over two turns with the official Anthropic SDK: to an Anthropic
 * target it passes through byte for byte (system blocks, sixteen tools in order, cache_control,
 * beta headers); to an OpenAI target it is translated, the tools kept in the same order on every
 * turn so the target's prompt cache keeps matching, the streamed tool call arriving as tool_use
 * with input_json_delta, and the tool result going back as a tool message.
 */
import { describe, expect, it } from 'vitest';
import { withFields } from '@ai-gateway/core';
import { sendEvents } from '../mock-upstream.js';
import { mockStreamPieces } from '../openai-mock.js';
import { anthropicEvents, anthropicMessage, last, openAIChunk, openAIUpstream, useAnthropicHarness } from './anthropic-harness.js';
import { claudeCodeFirstRequest, claudeCodeHeaders, claudeCodeSecondRequest, claudeCodeTools } from './claude-code-exchange.js';
import type { StartGateway } from './harness.js';

const bashStream = anthropicEvents([
  { type: 'message_start', message: withFields(anthropicMessage, { content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 900, cache_read_input_tokens: 0 } }) },
  { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_bash', name: 'Bash', input: {} } },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"comm' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: 'and": "ls"}' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 15 } },
  { type: 'message_stop' },
]);

const textStream = anthropicEvents([
  { type: 'message_start', message: withFields(anthropicMessage, { content: [], stop_reason: null }) },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Two files.' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 4 } },
  { type: 'message_stop' },
]);

const openAIBashStream = [
  openAIChunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_bash', type: 'function', function: { name: 'Bash', arguments: '' } }] }),
  openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '{"comm' } }] }),
  openAIChunk({ tool_calls: [{ index: 0, function: { arguments: 'and":"ls"}' } }] }),
  openAIChunk({}, 'tool_calls'),
  'data: [DONE]\n\n',
];

export function describeAnthropicClaudeCode(name: string, start: StartGateway): void {
  describe(`A Claude Code exchange at /v1/messages, on ${name}`, () => {
    const harness = useAnthropicHarness(start);
    const { client } = harness;

    it('passes both turns through to Anthropic byte for byte, tools and cache_control in place', async () => {
      harness.anthropic.setHandler((_, response) => sendEvents(response, bashStream));
      const first = await client('anthropic', { authToken: 'sk-ant-oauth' }).messages.stream(claudeCodeFirstRequest('claude-sonnet-5'), { headers: claudeCodeHeaders }).finalMessage();
      const firstSent = last(harness.anthropic);
      expect(firstSent.body.toString('utf8')).toBe(JSON.stringify(claudeCodeFirstRequest('claude-sonnet-5')));
      expect(firstSent.headers['anthropic-beta']).toBe(claudeCodeHeaders['anthropic-beta']);
      expect(firstSent.headers['x-api-key']).toBe('sk-ant-oauth');
      expect(first.content).toEqual([{ type: 'tool_use', id: 'toolu_bash', name: 'Bash', input: { command: 'ls' } }]);
      expect(first.usage.cache_creation_input_tokens).toBe(900);

      harness.anthropic.setHandler((_, response) => sendEvents(response, textStream));
      const toolUse = first.content[0] as { id: string; name: string; input: unknown };
      const second = await client('anthropic', { authToken: 'sk-ant-oauth' }).messages.stream(claudeCodeSecondRequest('claude-sonnet-5', toolUse), { headers: claudeCodeHeaders }).finalMessage();
      const secondSent = last(harness.anthropic);
      expect(secondSent.body.toString('utf8')).toBe(JSON.stringify(claudeCodeSecondRequest('claude-sonnet-5', toolUse)));
      expect(secondSent.json.tools).toEqual(firstSent.json.tools);
      expect(second.content).toEqual([{ type: 'text', text: 'Two files.' }]);
    });

    it('translates both turns for an OpenAI target, the tools in the same order each time', async () => {
      harness.openai.setHandler((_, response) => sendEvents(response, openAIBashStream));
      const events: string[] = [];
      const stream = client('openai').messages.stream(claudeCodeFirstRequest('gpt-4.1'), { headers: claudeCodeHeaders });
      stream.on('streamEvent', (event) => {
        if (event.type === 'content_block_delta') events.push(event.delta.type);
      });
      const first = await stream.finalMessage();
      const firstSent = last(harness.openai).json;
      expect(firstSent.tools.map((tool: { function: { name: string } }) => tool.function.name)).toEqual(claudeCodeTools.map((tool) => tool.name));
      expect(firstSent.messages[0]).toEqual({ role: 'system', content: "You are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive CLI tool that helps users with software engineering tasks." });
      expect(firstSent.user).toBe('user_abc_account__session_123');
      expect(events).toEqual(['input_json_delta', 'input_json_delta']);
      expect(first.content).toEqual([{ type: 'tool_use', id: 'call_bash', name: 'Bash', input: { command: 'ls' } }]);
      expect(first.stop_reason).toBe('tool_use');

      harness.openai.setHandler(openAIUpstream);
      const toolUse = first.content[0] as { id: string; name: string; input: unknown };
      const second = await client('openai').messages.stream(claudeCodeSecondRequest('gpt-4.1', toolUse), { headers: claudeCodeHeaders }).finalMessage();
      const secondSent = last(harness.openai).json;
      expect(secondSent.tools).toEqual(firstSent.tools);
      expect(secondSent.messages.slice(-2)).toEqual([
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_bash', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } }] },
        { role: 'tool', tool_call_id: 'call_bash', content: 'README.md\npackage.json' },
      ]);
      expect(second.content).toEqual([{ type: 'text', text: mockStreamPieces.join('') }]);
    });
  });
}
