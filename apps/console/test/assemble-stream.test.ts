/** The answer a client read from a recorded stream, in each API format the gateway speaks. */
import { describe, expect, it } from 'vitest';
import { chatChunkEvents } from '@ai-gateway/testing';
import { assembleStream, looksLikeEvents } from '../src/lib/assemble-stream.js';

const sse = (events: unknown[]) => events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');

describe('a recorded stream put back together', () => {
  it('joins OpenAI chunks, tool-call arguments included', () => {
    const text = `${chatChunkEvents('gpt-4o-mini', ['Hel', 'lo']).join('')}${sse([{ choices: [{ delta: { tool_calls: [{ function: { arguments: '{"a":' } }] } }] }, { choices: [{ delta: { tool_calls: [{ function: { arguments: '1}' } }] } }] }])}data: [DONE]\n\n`;
    expect(looksLikeEvents(text)).toBe(true);
    expect(assembleStream(text)).toMatchObject({ text: 'Hello', toolArguments: '{"a":1}', error: null });
  });

  it("joins Anthropic Messages events and the Responses API's", () => {
    const messages = `event: content_block_delta\n${sse([{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi ' } }])}event: content_block_delta\n${sse([{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'there' } }])}`;
    expect(assembleStream(messages).text).toBe('Hi there');
    const responses = sse([
      { type: 'response.output_text.delta', delta: 'Yes', sequence_number: 3 },
      { type: 'response.output_text.delta', delta: '!', sequence_number: 4 },
    ]);
    expect(assembleStream(responses).text).toBe('Yes!');
  });

  it('reports the error a cut stream ended with', () => {
    const text = `${chatChunkEvents('m', ['Par']).slice(0, 2).join('')}data: {"error":{"message":"upstream went away"}}\n\n`;
    expect(assembleStream(text)).toMatchObject({ text: 'Par', error: 'upstream went away' });
  });

  it('tells a JSON body from a stream', () => {
    expect(looksLikeEvents('{"choices":[]}')).toBe(false);
  });
});
