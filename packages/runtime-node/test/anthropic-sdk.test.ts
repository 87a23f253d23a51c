/**
 * The official Anthropic SDK against the real Node gateway at `/v1/messages`: routed to an OpenAI
 * target (translated both ways) and to an Anthropic target (passed through as bytes), JSON and
 * streamed, with tools and errors. Upstreams are mocks on 127.0.0.1 reached via `x-portkey-custom-host`.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatChunkEvents, chatCompletion, mockChatText, mockStreamPieces, sendEvents, sendJson, startMockUpstream, type MockUpstream, type RecordedRequest } from '@ai-gateway/testing';
import { startGateway, type RunningGateway } from '../src/index.js';

const weatherTool = { name: 'get_weather', description: 'Current weather for a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } };
const toolCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };

function openAIChunk(delta: object, finishReason: string | null = null) {
  return `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}

/** An OpenAI upstream: text or a tool call (when tools are offered and no tool result came back yet), JSON or streamed. */
function openAIUpstream(request: RecordedRequest, response: ServerResponse) {
  const wantsTool = request.json.tools && !request.json.messages.some((message: { role: string }) => message.role === 'tool');
  if (!wantsTool) {
    if (request.json.stream) return sendEvents(response, chatChunkEvents(request.json.model, mockStreamPieces, request.json.stream_options?.include_usage));
    return sendJson(response, 200, chatCompletion(request.json.model));
  }
  if (!request.json.stream) {
    const body = chatCompletion(request.json.model);
    return sendJson(response, 200, { ...body, choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [toolCall] }, finish_reason: 'tool_calls' }] });
  }
  return sendEvents(response, [
    openAIChunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
    openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
    openAIChunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
    openAIChunk({}, 'tool_calls'),
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28, prompt_tokens_details: { cached_tokens: 4 } } })}\n\n`,
    'data: [DONE]\n\n',
  ]);
}

const anthropicMessage = {
  id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-5', content: [{ type: 'text', text: 'Bonjour' }],
  stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 2 },
};

function anthropicEvents(events: object[]): string[] {
  return events.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`);
}

const anthropicToolStream = anthropicEvents([
  { type: 'message_start', message: { ...anthropicMessage, content: [], stop_reason: null, usage: { input_tokens: 30, output_tokens: 1 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } },
  { type: 'ping' },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city": "Pa' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: 'ris"}' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } },
  { type: 'message_stop' },
]);

let openai: MockUpstream;
let anthropic: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  openai = await startMockUpstream(openAIUpstream);
  anthropic = await startMockUpstream((_, response) => sendJson(response, 200, anthropicMessage));
  gateway = await startGateway({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await gateway.close();
  await openai.close();
  await anthropic.close();
});

function client(provider: 'openai' | 'anthropic', auth: { apiKey?: string; authToken?: string } = { apiKey: 'sk-client-key' }) {
  const upstream = provider === 'openai' ? openai : anthropic;
  return new Anthropic({
    ...auth,
    baseURL: gateway.url,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': provider, 'x-portkey-custom-host': `${upstream.origin}/v1` },
  });
}

const last = (upstream: MockUpstream) => upstream.requests[upstream.requests.length - 1];

describe('Anthropic SDK at /v1/messages, OpenAI target', () => {
  it('translates a message request and its answer', async () => {
    // Earlier SDK versions send temperature; this one no longer types it, the wire format still carries it.
    const message = await client('openai').messages.create({
      model: 'gpt-4o-mini', max_tokens: 100, system: 'Be brief.', stop_sequences: ['END'], temperature: 0.2,
      messages: [{ role: 'user', content: 'Hi' }],
    } as Anthropic.MessageCreateParamsNonStreaming);
    expect(last(openai).url).toBe('/v1/chat/completions');
    expect(last(openai).headers.authorization).toBe('Bearer sk-client-key');
    expect(last(openai).json).toEqual({
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
    expect(last(openai).json).toMatchObject({ stream: true, stream_options: { include_usage: true } });
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
    expect(last(openai).headers.authorization).toBe('Bearer sk-bearer-key');
    expect(last(openai).json.tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: weatherTool.description, parameters: weatherTool.input_schema } }]);
    expect(last(openai).json.tool_choice).toBe('required');
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
    expect(last(openai).json.messages.slice(1)).toEqual([
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
    openai.setHandler((_, response) => sendJson(response, 429, { error: { message: 'Slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } }));
    try {
      const failure = await client('openai').messages.create({ model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Anthropic.RateLimitError);
      expect((failure as InstanceType<typeof Anthropic.APIError>).error).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } });
    } finally {
      openai.setHandler(openAIUpstream);
    }
  });

  it('raises an error that arrives inside an OpenAI stream', async () => {
    openai.setHandler((_, response) => sendEvents(response, [openAIChunk({ role: 'assistant', content: 'Hel' }), `data: ${JSON.stringify({ error: { message: 'upstream broke', type: 'server_error' } })}\n\n`]));
    try {
      const stream = client('openai').messages.stream({ model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
      const failure = await stream.finalMessage().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Anthropic.APIError);
      expect((failure as Error).message).toContain('upstream broke');
    } finally {
      openai.setHandler(openAIUpstream);
    }
  });
});

describe('Anthropic SDK at /v1/messages, Anthropic target', () => {
  it('passes the request and the answer through untouched', async () => {
    const message = await client('anthropic').messages.create({
      model: 'claude-sonnet-5', max_tokens: 100, system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }], metadata: { user_id: 'u-1' },
      messages: [{ role: 'user', content: 'Hi' }],
    }, { headers: { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'prompt-caching-2024-07-31' } });
    const received = last(anthropic);
    expect(received.url).toBe('/v1/messages');
    expect(received.headers['x-api-key']).toBe('sk-client-key');
    // The client's own protocol headers travel with its bytes.
    expect(received.headers['anthropic-version']).toBe('2023-06-01');
    expect(received.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
    expect(received.json).toEqual({
      model: 'claude-sonnet-5', max_tokens: 100, system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }], metadata: { user_id: 'u-1' },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(message).toEqual(anthropicMessage);
  });

  it('streams tool use through, pings and all', async () => {
    anthropic.setHandler((_, response) => sendEvents(response, anthropicToolStream));
    const stream = client('anthropic', { authToken: 'sk-bearer-key' }).messages.stream({ model: 'claude-sonnet-5', max_tokens: 100, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather?' }] });
    const message = await stream.finalMessage();
    expect(last(anthropic).headers['x-api-key']).toBe('sk-bearer-key');
    expect(last(anthropic).json.tools).toEqual([weatherTool]);
    expect(message.content).toEqual([{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('ends a passed-through stream whose upstream connection drops with an Anthropic error event', async () => {
    anthropic.setHandler((_, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(anthropicToolStream.slice(0, 2).join(''));
      setTimeout(() => response.destroy(), 20);
    });
    const stream = client('anthropic').messages.stream({ model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'Weather?' }] });
    const failure = await stream.finalMessage().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect((failure as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('keeps an overloaded_error (529) as it is', async () => {
    anthropic.setHandler((_, response) => sendJson(response, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    const failure = (await client('anthropic').messages.create({ model: 'claude-sonnet-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error)) as InstanceType<typeof Anthropic.APIError>;
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect(failure.status).toBe(529);
    expect(failure.error).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('falls back from a failing Anthropic target to OpenAI, translating only for OpenAI', async () => {
    anthropic.setHandler((_, response) => sendJson(response, 500, { type: 'error', error: { type: 'api_error', message: 'Internal' } }));
    const config = {
      strategy: { mode: 'fallback' },
      targets: [
        { provider: 'anthropic', api_key: 'sk-ant', custom_host: `${anthropic.origin}/v1` },
        { provider: 'openai', api_key: 'sk-oai', custom_host: `${openai.origin}/v1`, override_params: { model: 'gpt-4o-mini' } },
      ],
    };
    const anthropicClient = new Anthropic({ apiKey: 'unused', baseURL: gateway.url, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });
    const response = await anthropicClient.messages.create({ model: 'claude-sonnet-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    expect(last(anthropic).json.model).toBe('claude-sonnet-5');
    expect(last(openai).json).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.data.content).toEqual([{ type: 'text', text: mockChatText }]);
    expect(response.response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
  });

  it('answers a request without a provider with an Anthropic-shaped 400', async () => {
    const anthropicClient = new Anthropic({ apiKey: 'k', baseURL: gateway.url, maxRetries: 0 });
    const failure = (await anthropicClient.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error)) as InstanceType<typeof Anthropic.APIError>;
    expect(failure.status).toBe(400);
    expect(failure.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});
