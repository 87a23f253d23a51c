/**
 * Cohere through the shared conformance suite, over answers in `__fixtures__` modelled on the API reference (one JSON
 * event per line, replayed as Cohere's server-sent events), plus the mapping rules only Cohere has.
 */
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeProviderConformance, httpsImageUrl, pngDataUrl, sendEvents, sendJson, startMockUpstream, startTestGateway, weatherTool,
  type MockHandler, type MockUpstream, type RecordedRequest, type TestGateway,
} from '@ai-gateway/testing';
import { cohereProvider } from './cohere-provider.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(fixture(name));
/** A `.chunks.txt` fixture as the server-sent events Cohere streams (with a keep-alive comment). */
const events = (name: string) => [': ping\n\n', ...fixture(name).trim().split('\n').map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`)];
const answer = (name: string): MockHandler => (_, response) => sendJson(response, 200, json(name));
const stream = (name: string): MockHandler => (_, response) => sendEvents(response, events(name));

const model = 'command-a-03-2025';

describeProviderConformance({
  provider: 'cohere',
  providers: [cohereProvider],
  model,
  customHost: (origin) => `${origin}/v2`,
  upstream: {
    chat: answer('cohere-text.json'),
    chatStream: stream('cohere-text.chunks.txt'),
    toolCall: answer('cohere-tool-call.json'),
    toolCallStream: stream('cohere-tool-call.chunks.txt'),
    error: (_, response) => sendJson(response, 400, json('cohere-error.json')),
    streamError: stream('cohere-stream-error.chunks.txt'),
  },
  expectChatRequest(request) {
    expect(request.url).toBe('/v2/chat');
    expect(request.headers.authorization).toBe('Bearer conformance-key');
    expect(request.json).toEqual({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], max_tokens: 50, temperature: 0.3, stop_sequences: ['END'] });
  },
  expectStreamRequest(request) {
    expect(request.json.stream).toBe(true);
    expect(request.json.stream_options).toBeUndefined();
  },
  expectToolRequest(request) {
    expect(request.json.tools).toEqual([{ type: 'function', function: weatherTool.function }]);
    // `auto` is Cohere's default and has no value of its own.
    expect(request.json.tool_choice).toBeUndefined();
  },
  expectToolResultRequest(request) {
    expect(request.json.messages[1]).toEqual({ role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] });
    expect(request.json.messages[2]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' });
  },
  expectVisionRequest(request) {
    expect(request.json.messages[0].content).toEqual([
      { type: 'text', text: 'What is in these?' },
      { type: 'image_url', image_url: { url: httpsImageUrl } },
      { type: 'image_url', image_url: { url: pngDataUrl } },
    ]);
  },
});

describe('cohere specifics', () => {
  let upstream: MockUpstream;
  let gateway: TestGateway;
  let client: OpenAI;
  const last = (): RecordedRequest => upstream.requests[upstream.requests.length - 1];
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];

  beforeAll(async () => {
    upstream = await startMockUpstream(answer('cohere-text.json'));
    gateway = await startTestGateway({ providers: [cohereProvider], circuitBreaker: false });
    client = new OpenAI({ apiKey: 'co-key', baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'cohere', 'x-portkey-custom-host': `${upstream.origin}/v2` } });
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('maps usage (tokens, cached tokens) and keeps Cohere\'s id', async () => {
    upstream.setHandler(answer('cohere-text.json'));
    const completion = await client.chat.completions.create({ model, messages });
    expect(completion.id).toBe('c14c80c3-18eb-4519-9460-6c92edd8cfb4');
    expect(completion.model).toBe(model);
    expect(completion.usage).toEqual({ prompt_tokens: 71, completion_tokens: 6, total_tokens: 77, prompt_tokens_details: { cached_tokens: 64 } });
  });

  it('maps finish reasons: MAX_TOKENS is length, ERROR is an error', async () => {
    upstream.setHandler(answer('cohere-max-tokens.json'));
    expect((await client.chat.completions.create({ model, messages })).choices[0].finish_reason).toBe('length');

    upstream.setHandler((_, response) => sendJson(response, 200, { ...json('cohere-text.json'), finish_reason: 'ERROR' }));
    const failure = await client.chat.completions.create({ model, messages }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
  });

  it('answers the tool plan as content next to the tool calls', async () => {
    upstream.setHandler(answer('cohere-tool-call.json'));
    const message = (await client.chat.completions.create({ model, messages, tools: [weatherTool] })).choices[0].message;
    expect(message.content).toBe('I will use the get_weather tool to find the weather in Paris.');
    expect(message.tool_calls?.[0].id).toBe('get_weather_dqgshstja6p9');
  });

  it('numbers parallel streamed tool calls 0, 1 with their own arguments', async () => {
    upstream.setHandler(stream('cohere-parallel-tool-calls.chunks.txt'));
    const calls: { id?: string; name: string; arguments: string }[] = [];
    for await (const chunk of await client.chat.completions.create({ model, messages, tools: [weatherTool], stream: true })) {
      for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
        calls[call.index] ??= { name: '', arguments: '' };
        if (call.id) calls[call.index].id = call.id;
        calls[call.index].name += call.function?.name ?? '';
        calls[call.index].arguments += call.function?.arguments ?? '';
      }
    }
    expect(calls.map((call) => [call.id, call.name, JSON.parse(call.arguments).city])).toEqual([['get_weather_1', 'get_weather', 'Paris'], ['get_weather_2', 'get_weather', 'Rome']]);
  });

  it('sends no usage chunk unless the client asked for it, and ends a cut stream with an error', async () => {
    upstream.setHandler(stream('cohere-text.chunks.txt'));
    const chunks = [];
    for await (const chunk of await client.chat.completions.create({ model, messages, stream: true })) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);

    const cut = fixture('cohere-text.chunks.txt').trim().split('\n').slice(0, -1).map((line) => `data: ${line}\n\n`);
    upstream.setHandler((_, response) => sendEvents(response, cut));
    const failure = await (async () => {
      for await (const _ of await client.chat.completions.create({ model, messages, stream: true })) {
        // drain
      }
    })().catch((error: unknown) => error);
    expect((failure as Error).message).toContain('before the message was complete');
  });

  it('maps json_schema, developer messages, max_completion_tokens, top_p, seed and tool_choice', async () => {
    upstream.setHandler(answer('cohere-text.json'));
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    await client.chat.completions.create({
      model,
      messages: [{ role: 'developer', content: 'JSON only.' }, ...messages],
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: true } },
      max_completion_tokens: 20, top_p: 0.9, seed: 7, frequency_penalty: 0.1, user: 'user-1', parallel_tool_calls: false,
      tools: [weatherTool, { ...weatherTool, function: { ...weatherTool.function, name: 'get_time' } }],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    const sent = last().json;
    expect(sent.messages[0]).toEqual({ role: 'system', content: 'JSON only.' });
    expect(sent.response_format).toEqual({ type: 'json_object', json_schema: schema });
    expect(sent).toMatchObject({ max_tokens: 20, p: 0.9, seed: 7, frequency_penalty: 0.1, tool_choice: 'REQUIRED' });
    expect(sent.tools.map((tool: { function: { name: string } }) => tool.function.name)).toEqual(['get_time']);
    // Dropped by the documented rule: no Cohere equivalent, no effect on the answer's shape.
    expect(sent.user).toBeUndefined();
    expect(sent.parallel_tool_calls).toBeUndefined();
    expect(sent.top_p).toBeUndefined();

    await client.chat.completions.create({ model, messages, response_format: { type: 'json_object' }, tools: [weatherTool], tool_choice: 'none' });
    expect(last().json).toMatchObject({ response_format: { type: 'json_object' }, tool_choice: 'NONE' });
  });

  it('passes Cohere\'s own parameters through and rejects what it cannot honour with a 400', async () => {
    upstream.setHandler(answer('cohere-text.json'));
    await client.chat.completions.create({ model, messages, k: 40, safety_mode: 'STRICT' } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(last().json).toMatchObject({ k: 40, safety_mode: 'STRICT' });

    const before = upstream.requests.length;
    for (const extra of [{ n: 2 }, { logprobs: true }, { logit_bias: { '50256': -100 } }]) {
      const failure = await client.chat.completions.create({ model, messages, ...extra }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
      expect((failure as InstanceType<typeof OpenAI.APIError>).param).toBe(Object.keys(extra)[0]);
    }
    const audio = await client.chat.completions.create({ model, messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] }).catch((error: unknown) => error);
    expect(audio).toBeInstanceOf(OpenAI.BadRequestError);
    expect(upstream.requests.length).toBe(before);
  });

  it('maps Cohere errors with their status: 401, 429 and 500', async () => {
    for (const status of [401, 429, 500]) {
      upstream.setHandler((_, response) => sendJson(response, status, { id: 'e1', message: `cohere says ${status}` }));
      const failure = await client.chat.completions.create({ model, messages }).catch((error: unknown) => error);
      expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(status);
      expect((failure as Error).message).toContain(`cohere says ${status}`);
    }
  });

  describe('embeddings', () => {
    it('asks Cohere for floats and answers floats', async () => {
      upstream.setHandler(answer('cohere-embedding.json'));
      const result = await client.embeddings.create({ model: 'embed-v4.0', input: ['sunny day at the beach', 'rainy day in the city'], encoding_format: 'float', dimensions: 256 });
      expect(last().url).toBe('/v2/embed');
      expect(last().json).toEqual({ model: 'embed-v4.0', texts: ['sunny day at the beach', 'rainy day in the city'], input_type: 'search_document', embedding_types: ['float'], output_dimension: 256 });
      expect(result.data.map((item) => item.embedding)).toEqual([[0.25, -0.5, 1], [0.125, 0.75, -1]]);
      expect(result.usage).toEqual({ prompt_tokens: 10, total_tokens: 10 });
    });

    it('answers base64 when the SDK asks for it (its default)', async () => {
      upstream.setHandler(answer('cohere-embedding.json'));
      const result = await client.embeddings.create({ model: 'embed-v4.0', input: ['a', 'b'] });
      // The SDK decodes base64 back into floats; float32 keeps these values exactly.
      expect(result.data[1].embedding).toEqual([0.125, 0.75, -1]);
      const raw = await fetch(`${gateway.origin}/v1/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer co-key', 'x-portkey-provider': 'cohere', 'x-portkey-custom-host': `${upstream.origin}/v2` },
        body: JSON.stringify({ model: 'embed-v4.0', input: 'a', encoding_format: 'base64', input_type: 'search_query' }),
      });
      expect(typeof (await raw.json()).data[0].embedding).toBe('string');
      expect(last().json.input_type).toBe('search_query');
    });

    it('rejects token-id input with a 400', async () => {
      const failure = await client.embeddings.create({ model: 'embed-v4.0', input: [[1, 2, 3]] }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    });
  });
});
