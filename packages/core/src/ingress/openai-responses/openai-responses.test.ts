/** The Responses API ingress conversions alone: request to OpenAI chat, and OpenAI answers back. */
import { describe, expect, it } from 'vitest';
import { chatStreamToResponses } from './from-chat-stream.js';
import { chatToResponsesResponse, chatToResponsesText } from './from-chat-response.js';
import { responsesToChatRequest } from './to-chat-request.js';
import { functionCallItem, messageItem, reasoningItem, responseItemId, responseObject, responseSettingsText, responseText } from './response-object.js';
import { chatChunk, translatedEvents } from '../../../test/stream-events.js';

const convertStream = (events: string[]) => translatedEvents(chatStreamToResponses({ model: 'm' }), events);
const chunk = chatChunk;

describe('responsesToChatRequest', () => {
  it('maps instructions, a second turn of items, tools, tool choice, text format and reasoning effort', () => {
    const chat = responsesToChatRequest({
      model: 'm', instructions: 'Be brief.', max_output_tokens: 50, temperature: 0.3, store: false, metadata: { a: '1' },
      reasoning: { effort: 'low', summary: 'auto' }, parallel_tool_calls: false,
      tools: [{ type: 'function', name: 'f', description: 'F', parameters: { type: 'object' }, strict: true }],
      tool_choice: { type: 'function', name: 'f' },
      text: { format: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true } },
      input: [
        { role: 'developer', content: 'Use tools.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Look: ' }, { type: 'input_image', image_url: 'data:image/png;base64,AAA', detail: 'low' }] },
        { type: 'reasoning', id: 'rs_1', summary: [] },
        { type: 'message', role: 'assistant', id: 'msg_1', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '{"x":1}' },
        { type: 'function_call_output', call_id: 'call_1', output: '42' },
      ],
    });
    expect(chat).toEqual({
      model: 'm', max_tokens: 50, temperature: 0.3, parallel_tool_calls: false, reasoning_effort: 'low',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'system', content: 'Use tools.' },
        { role: 'user', content: [{ type: 'text', text: 'Look: ' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA', detail: 'low' } }] },
        { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '42' },
      ],
      tools: [{ type: 'function', function: { name: 'f', description: 'F', parameters: { type: 'object' }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } },
    });
  });

  it("passes on chat-only fields a target's override_params adds, and drops an effort set to null", () => {
    const chat = responsesToChatRequest({ model: 'm', input: 'Hi', max_output_tokens: 10, reasoning: { effort: 'high' }, thinking: { type: 'adaptive' }, top_k: 5, reasoning_effort: null, max_completion_tokens: 20, store: false });
    expect(chat).toEqual({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], thinking: { type: 'adaptive' }, top_k: 5, max_completion_tokens: 20 });
  });

  it('maps files, json_object, plain tool choices, and tool outputs with images', () => {
    const chat = responsesToChatRequest({
      model: 'm', tool_choice: 'none', text: { format: { type: 'json_object' } }, reasoning: { effort: 'none' },
      input: [
        { role: 'user', content: [{ type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVB' }] },
        { type: 'function_call', call_id: 'c', name: 'shot', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c', output: [{ type: 'input_text', text: 'see' }, { type: 'input_image', image_url: 'https://x/y.png' }] },
      ],
    });
    expect(chat).toEqual({
      model: 'm', tool_choice: 'none', response_format: { type: 'json_object' },
      messages: [
        { role: 'user', content: [{ type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVB' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'shot', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'see' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
      ],
    });
    expect(() => responsesToChatRequest({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] }] })).toThrow(/file_data/);
    expect(() => responsesToChatRequest({ model: 'm', input: 'Hi', tool_choice: { type: 'web_search' } })).toThrow(/tool_choice/);
  });

  it('resolves an item_reference to an item of the same request, and refuses one it cannot find', () => {
    const resolved = responsesToChatRequest({ model: 'm', input: [{ type: 'message', id: 'msg_1', role: 'user', content: 'Hi' }, { type: 'item_reference', id: 'msg_1' }] });
    expect(resolved.messages).toEqual([{ role: 'user', content: 'Hi' }, { role: 'user', content: 'Hi' }]);
    expect(() => responsesToChatRequest({ model: 'm', input: [{ type: 'item_reference', id: 'fc_9' }] })).toThrow(expect.objectContaining({ status: 400, code: 'item_not_found', param: 'input[0]' }));
  });

  it('answers an unresolved previous_response_id with a 404 and refuses built-in tools with a 400 naming them', () => {
    // The route replaces a stored previous response by its conversation: one left is unknown.
    expect(() => responsesToChatRequest({ model: 'm', input: 'Hi', previous_response_id: 'resp_1' })).toThrow(expect.objectContaining({ status: 404, code: 'previous_response_not_found', param: 'previous_response_id' }));
    expect(() => responsesToChatRequest({ model: 'm', input: 'Hi', tools: [{ type: 'web_search' }] })).toThrow(/built-in tool 'web_search'/);
  });

  it("refuses OpenAI's stored conversations and prompt templates with a 400 naming the field, and ignores them when null", () => {
    expect(() => responsesToChatRequest({ model: 'm', input: 'Hi', conversation: 'conv_1' })).toThrow(expect.objectContaining({ status: 400, code: 'stored_responses_unsupported', param: 'conversation' }));
    expect(() => responsesToChatRequest({ model: 'm', input: 'Hi', prompt: { id: 'pmpt_1' } })).toThrow(expect.objectContaining({ status: 400, code: 'stored_responses_unsupported', param: 'prompt' }));
    expect(responsesToChatRequest({ model: 'm', input: 'Hi', conversation: null, prompt: null })).toEqual({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] });
  });
});

describe('responseItemId', () => {
  it('gives 128 random bits in hex after the prefix, never the same twice, past many refills of its pool', () => {
    const ids = Array.from({ length: 2000 }, () => responseItemId('msg'));
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Every hex digit turns up in every position: the bytes are spread, not a counter.
    for (let position = 4; position < 36; position += 1) expect(new Set(ids.map((id) => id[position])).size).toBe(16);
  });
});

describe('responseText', () => {
  it("is the response object's JSON: a stream's events carry the same response as a JSON answer", () => {
    const request = { model: 'm', instructions: 'Be "brief".', max_output_tokens: 9, tools: [{ type: 'function', name: 'f' }], text: { verbosity: 'low' }, metadata: { a: '1' }, reasoning: { effort: 'low' } };
    const fields = {
      id: responseItemId('resp'), createdAt: 1_700_000_000, model: 'claude', status: 'incomplete' as const,
      output: [
        reasoningItem('rs_1', 'Hm.'),
        messageItem('msg_1', [{ type: 'output_text', text: 'Hi\n"there"', annotations: [], logprobs: [] }, { type: 'refusal', refusal: 'No.' }], 'incomplete'),
        functionCallItem('fc_1', 'call_1', 'f', '{}'),
      ],
      usage: { input_tokens: 1, input_tokens_details: { cached_tokens: 0 }, output_tokens: 2, output_tokens_details: { reasoning_tokens: 1 }, total_tokens: 3 }, incompleteDetails: { reason: 'max_output_tokens' }, error: null,
    };
    const text = responseText(fields, responseSettingsText(request));
    expect(text).toBe(JSON.stringify(responseObject(request, fields)));
    const empty = { id: responseItemId('resp'), createdAt: 1, model: null, status: 'in_progress' as const, output: [] };
    expect(responseText(empty, responseSettingsText({}))).toBe(JSON.stringify(responseObject({}, empty)));
  });

  it('echoes every setting a request may carry, set, null or of an unexpected type, as the object does', () => {
    const requests = [
      {},
      { instructions: null, max_output_tokens: null, parallel_tool_calls: null, reasoning: null, temperature: null, text: null, tool_choice: null, tools: null, top_p: null, truncation: null, user: null, metadata: null },
      { parallel_tool_calls: false, temperature: 0.25, top_p: 1, truncation: 'auto', user: 'u\u2028"1"', tool_choice: { type: 'function', name: 'f' }, reasoning: { summary: 'auto' } },
      { text: { format: { type: 'json_schema', name: 'out', schema: { type: 'object' } }, verbosity: 'high' }, reasoning: 'high', metadata: { 'ключ': 'значение' } },
      { text: 'plain', temperature: '0.5', tools: [], max_output_tokens: 1e21 },
    ];
    const fields = { id: 'resp_1', createdAt: 2, model: 'm', status: 'completed' as const, output: [] };
    for (const request of requests) expect(responseText(fields, responseSettingsText(request))).toBe(JSON.stringify(responseObject(request, fields)));
  });
});

describe('chatToResponsesText', () => {
  const sameIds = (json: string) => json.replace(/"(resp|msg|rs|fc)_[0-9a-f]{32}"/g, '"$1_id"');
  it('writes the JSON of the response object chatToResponsesResponse builds', () => {
    const completions = [
      {
        id: 'c1', created: 1_700_000_000, model: 'gpt', choices: [{ message: { content: 'Hi "you"', reasoning_content: 'Thinking', tool_calls: [{ id: 'call_1', function: { name: 'f', arguments: '{}' } }] }, finish_reason: 'length' }],
        usage: { prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 } },
      },
      { created: 5, choices: [{ message: { content: null, refusal: 'No.' }, finish_reason: 'content_filter' }] },
      { created: 6, model: '', choices: [], usage: { prompt_tokens: '9', completion_tokens: null, total_tokens: 9.5, prompt_tokens_details: null } },
    ];
    const request = { model: 'm', instructions: 'Be brief.', metadata: { a: '1' }, tools: [{ type: 'function', name: 'f' }] };
    for (const completion of completions) {
      expect(sameIds(chatToResponsesText(completion, request))).toBe(sameIds(JSON.stringify(chatToResponsesResponse(completion, request))));
    }
  });
});

describe('chatToResponsesResponse', () => {
  it('maps reasoning, text, calls, a length stop and usage', () => {
    const response = chatToResponsesResponse({
      id: 'c1', model: 'gpt', choices: [{ message: { content: 'Hi', reasoning_content: 'Thinking', tool_calls: [{ id: 'call_1', function: { name: 'f', arguments: '{}' } }] }, finish_reason: 'length' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 } },
    }, { model: 'm', metadata: { a: '1' } });
    expect(response).toMatchObject({
      object: 'response', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, model: 'gpt', metadata: { a: '1' }, store: false,
      output: [
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi' }] },
        { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
      ],
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 4 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 2 }, total_tokens: 15 },
    });
  });
});

describe('chatStreamToResponses', () => {
  it('numbers every event and opens and closes reasoning, text and call items in order', async () => {
    const events = await convertStream([
      chunk({ role: 'assistant', reasoning_content: 'Hm' }),
      chunk({ content: 'Hi' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"x"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
      chunk({}, 'tool_calls'),
      `data: ${JSON.stringify({ id: 'c1', choices: [], usage: { prompt_tokens: 5, completion_tokens: 9 } })}\n\n`,
      'data: [DONE]\n\n',
    ]);
    expect(events.map((event) => event.data.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events.map((event) => event.event)).toEqual([
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.reasoning_summary_part.added', 'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.content_part.added', 'response.output_text.delta',
      'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.delta',
      'response.function_call_arguments.done', 'response.output_item.done', 'response.completed',
    ]);
    expect(events.at(-1)!.data.response).toMatchObject({ status: 'completed', usage: { input_tokens: 5, output_tokens: 9 }, output: [{ type: 'reasoning' }, { type: 'message' }, { type: 'function_call', arguments: '{"x":1}' }] });
  });

  it('streams a chat refusal as a refusal part with response.refusal.delta and .done, and the message holds it', async () => {
    const refusal = "I'm sorry, I can't help with that.";
    const events = await convertStream([
      // OpenAI's first chunk names the role with empty content and refusal.
      chunk({ role: 'assistant', content: null, refusal: null }),
      chunk({ refusal: "I'm sorry, " }),
      chunk({ refusal: "I can't help with that." }),
      chunk({}, 'stop'),
      'data: [DONE]\n\n',
    ]);
    expect(events.map((event) => event.event)).toEqual([
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.content_part.added', 'response.refusal.delta', 'response.refusal.delta',
      'response.refusal.done', 'response.content_part.done', 'response.output_item.done', 'response.completed',
    ]);
    const item_id = events[2].data.item.id;
    const location = { item_id, output_index: 0, content_index: 0 };
    expect(events[3].data).toMatchObject({ ...location, part: { type: 'refusal', refusal: '' } });
    expect(events[4].data).toMatchObject({ ...location, delta: "I'm sorry, " });
    expect(events[6].data).toMatchObject({ ...location, refusal });
    expect(events[7].data).toMatchObject({ ...location, part: { type: 'refusal', refusal } });
    const message = { id: item_id, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'refusal', refusal }] };
    expect(events[8].data.item).toEqual(message);
    expect(events.at(-1)!.data.response).toMatchObject({ status: 'completed', output: [message] });
  });

  it('puts text and a refusal that follows it in two parts of one message', async () => {
    const events = await convertStream([chunk({ content: 'Well, ' }), chunk({ refusal: 'no.' }), chunk({}, 'stop'), 'data: [DONE]\n\n']);
    expect(events.filter((event) => event.event.startsWith('response.content_part.')).map((event) => [event.event, event.data.content_index, event.data.part.type])).toEqual([
      ['response.content_part.added', 0, 'output_text'], ['response.content_part.done', 0, 'output_text'],
      ['response.content_part.added', 1, 'refusal'], ['response.content_part.done', 1, 'refusal'],
    ]);
    expect(events.find((event) => event.event === 'response.refusal.delta')!.data.content_index).toBe(1);
    expect(events.at(-1)!.data.response.output).toEqual([expect.objectContaining({ type: 'message', content: [{ type: 'output_text', text: 'Well, ', annotations: [], logprobs: [] }, { type: 'refusal', refusal: 'no.' }] })]);
  });

  it('ends with response.failed when the upstream fails or stops short', async () => {
    const failed = await convertStream([chunk({ content: 'a' }), `data: ${JSON.stringify({ error: { message: 'upstream broke', type: 'server_error' } })}\n\n`]);
    expect(failed.at(-1)).toMatchObject({ event: 'response.failed', data: { response: { status: 'failed', error: { code: 'server_error', message: 'upstream broke' } } } });
    const cut = await convertStream([chunk({ content: 'a' })]);
    expect(cut.at(-1)!.event).toBe('response.failed');
  });
});
