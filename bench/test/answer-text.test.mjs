/**
 * How the probe and the stream check read an answer's text in each API: a Responses answer must
 * count as the upstream's answer only when its text is where a Responses client reads it.
 */
import { describe, expect, it } from 'vitest';
import { answerTextOf, readStreamedAnswer } from '../src/answer-text.mjs';

const sse = (events) => events.map(([name, data]) => `${name ? `event: ${name}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`).join('');

describe('answerTextOf', () => {
  it('reads a Responses answer from the output_text parts of its message items, past a reasoning item', () => {
    const answer = {
      id: 'resp_1',
      object: 'response',
      status: 'completed',
      output: [
        { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'thinking' }] },
        { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello ', annotations: [] }, { type: 'output_text', text: 'there.', annotations: [] }] },
      ],
    };
    expect(answerTextOf(answer, 'responses')).toBe('Hello there.');
  });

  it('finds no Responses answer in a chat completion, nor a chat answer in a Responses object', () => {
    const completion = { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' } }] };
    const response = { object: 'response', output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }] };
    expect(answerTextOf(completion, 'chat')).toBe('Hi');
    expect(answerTextOf(completion, 'responses')).toBeUndefined();
    expect(answerTextOf(response, 'chat')).toBeUndefined();
    expect(answerTextOf({ object: 'response', output: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'responses')).toBeUndefined();
  });
});

describe('readStreamedAnswer', () => {
  const responsesEvents = [
    ['response.created', { type: 'response.created', sequence_number: 0, response: { object: 'response', status: 'in_progress', output: [] } }],
    ['response.output_item.added', { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { type: 'message', content: [] } }],
    ['response.output_text.delta', { type: 'response.output_text.delta', sequence_number: 2, output_index: 0, content_index: 0, delta: 'token0 ' }],
    ['response.output_text.delta', { type: 'response.output_text.delta', sequence_number: 3, output_index: 0, content_index: 0, delta: 'token1 ' }],
    ['response.output_text.done', { type: 'response.output_text.done', sequence_number: 4, output_index: 0, content_index: 0, text: 'token0 token1 ' }],
  ];
  const completed = ['response.completed', { type: 'response.completed', sequence_number: 5, response: { object: 'response', status: 'completed' } }];

  it('reads a Responses stream from its output_text deltas, complete once response.completed came', () => {
    expect(readStreamedAnswer(sse([...responsesEvents, completed]), 'responses')).toEqual({ text: 'token0 token1 ', complete: true });
  });

  it('calls a Responses stream cut before response.completed incomplete, and one ending in [DONE] too', () => {
    expect(readStreamedAnswer(sse(responsesEvents), 'responses')).toEqual({ text: 'token0 token1 ', complete: false });
    expect(readStreamedAnswer(sse([...responsesEvents, ['', '[DONE]']]), 'responses').complete).toBe(false);
  });

  it('reads a chat stream from its content deltas, complete at [DONE], and no Responses text in it', () => {
    const chunk = (delta) => ['', { object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] }];
    const body = sse([chunk({ role: 'assistant', content: '' }), chunk({ content: 'token0 ' }), chunk({ content: 'token1 ' }), ['', '[DONE]']]);
    expect(readStreamedAnswer(body, 'chat')).toEqual({ text: 'token0 token1 ', complete: true });
    expect(readStreamedAnswer(body, 'responses')).toEqual({ text: '', complete: false });
  });
});
