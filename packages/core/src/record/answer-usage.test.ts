import { describe, expect, it } from 'vitest';
import { jsonAnswerFacts, streamAnswerFacts } from './answer-usage.js';

const events = (...values: object[]) => values.map((value) => `data: ${JSON.stringify(value)}\n\n`).join('');

describe('usage read from answers', () => {
  it('of an OpenAI chat completion, with cached and reasoning tokens', () => {
    const facts = jsonAnswerFacts(JSON.stringify({
      model: 'o4-mini-2025-04-16', choices: [],
      usage: { prompt_tokens: 1200, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 1024 }, completion_tokens_details: { reasoning_tokens: 256 } },
    }));
    expect(facts).toEqual({ model: 'o4-mini-2025-04-16', tokens: { input: 1200, output: 300, cached: 1024, reasoning: 256 } });
  });

  it('of an Anthropic message, counting cache reads and writes as input', () => {
    const facts = jsonAnswerFacts(JSON.stringify({
      type: 'message', model: 'claude-sonnet-4-5', usage: { input_tokens: 20, cache_read_input_tokens: 1000, cache_creation_input_tokens: 50, output_tokens: 70 },
    }));
    expect(facts).toEqual({ model: 'claude-sonnet-4-5', tokens: { input: 1070, output: 70, cached: 1000, reasoning: null } });
  });

  it('of a Responses API response', () => {
    const facts = jsonAnswerFacts(JSON.stringify({
      object: 'response', model: 'gpt-5', usage: { input_tokens: 40, output_tokens: 90, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 64 } },
    }));
    expect(facts.tokens).toEqual({ input: 40, output: 90, cached: 0, reasoning: 64 });
  });

  it('of an OpenAI stream, from its last chunk', () => {
    const chunks = events(
      { model: 'gpt-4o-mini', choices: [{ delta: { content: 'Hi' } }] },
      { model: 'gpt-4o-mini', choices: [{ delta: { content: ' "usage" in text' } }] },
      { model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 9, completion_tokens: 2 } },
    );
    const text = `${chunks}data: [DONE]\n\n`;
    expect(streamAnswerFacts(text)).toEqual({ model: 'gpt-4o-mini', tokens: { input: 9, output: 2, cached: null, reasoning: null } });
  });

  it('of an OpenAI stream that asked for usage: every chunk carries "usage": null, the last the counts', () => {
    const chunks = events(
      { model: 'gpt-4o-mini', choices: [{ delta: { content: 'Hi' } }], usage: null },
      { model: 'gpt-4o-mini', choices: [{ delta: { content: ' there' } }], usage: null },
      { model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 4 } } },
    );
    expect(streamAnswerFacts(`${chunks}data: [DONE]\n\n`)).toEqual({ model: 'gpt-4o-mini', tokens: { input: 7, output: 3, cached: 4, reasoning: null } });
  });

  it('of a stream whose first events name no model, with usage before and after the one that does', () => {
    const text = `: keep-alive\n\nevent: ping\n${events({ type: 'ping' }, { usage: { input_tokens: 5, output_tokens: 1 } })}`
      + `data: {"model" : null}\n\ndata: not json "model":"fake"\n\n${events({ type: 'message_start', message: { model: 'claude-y', usage: { input_tokens: 6, output_tokens: 2 } } }, { usage: { output_tokens: 40 } })}`;
    expect(streamAnswerFacts(text)).toEqual({ model: 'claude-y', tokens: { input: 6, output: 40, cached: null, reasoning: null } });
  });

  it("of an Anthropic stream, input from message_start and output from message_delta", () => {
    const text = `event: message_start\n${events({ type: 'message_start', message: { model: 'claude-haiku-4-5', usage: { input_tokens: 12, cache_read_input_tokens: 0, output_tokens: 1 } } })}`
      + `event: message_delta\n${events({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 33 } })}`;
    expect(streamAnswerFacts(text)).toEqual({ model: 'claude-haiku-4-5', tokens: { input: 12, output: 33, cached: 0, reasoning: null } });
  });

  it('of a Responses API stream, from response.completed', () => {
    const text = events(
      { type: 'response.created', response: { model: 'claude-x', usage: null } },
      { type: 'response.output_text.delta', delta: 'Hi' },
      { type: 'response.completed', response: { model: 'claude-x', usage: { input_tokens: 5, output_tokens: 6, output_tokens_details: { reasoning_tokens: 2 } } } },
    );
    expect(streamAnswerFacts(text)).toEqual({ model: 'claude-x', tokens: { input: 5, output: 6, cached: null, reasoning: 2 } });
  });

  it('of an answer whose text quotes a usage object, reading the real one', () => {
    const content = 'The field "usage": {"prompt_tokens": 999} is what you get, and "model": "fake".';
    const facts = jsonAnswerFacts(JSON.stringify({ model: 'gpt-4o-mini', choices: [{ message: { content } }], usage: { prompt_tokens: 3, completion_tokens: 4 } }));
    expect(facts).toEqual({ model: 'gpt-4o-mini', tokens: { input: 3, output: 4, cached: null, reasoning: null } });
    const pretty = JSON.stringify({ model: 'm', data: [{ embedding: 'A'.repeat(100_000) }], usage: { prompt_tokens: 8, total_tokens: 8 } }, null, 2);
    expect(jsonAnswerFacts(pretty)).toEqual({ model: 'm', tokens: { input: 8, output: null, cached: null, reasoning: null } });
  });

  it('of an answer without usage: nulls, never zeros', () => {
    expect(jsonAnswerFacts('{"data":[]}').tokens).toEqual({ input: null, output: null, cached: null, reasoning: null });
    expect(jsonAnswerFacts('not json').tokens.input).toBeNull();
  });
});
