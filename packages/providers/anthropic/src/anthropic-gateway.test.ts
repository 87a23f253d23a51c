/**
 * Behaviour a user of the openai SDK notices with the `anthropic` provider, over the gateway's HTTP
 * API and a mock Anthropic upstream: usage with cache reads, finish reasons, parallel tool calls,
 * pings, errors inside and outside streams, and the parameters Anthropic has no twin for.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEvents, sendJson, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { anthropicProvider } from './anthropic-provider.js';
import { fixtureEvents, fixtureJson, replayEvents, toServerSentEvents } from './__fixtures__/replay-fixture.js';

const model = 'claude-sonnet-4-5-20250929';
let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startMockUpstream(replayEvents('anthropic-text'));
  gateway = await startTestGateway({ providers: [anthropicProvider] });
  client = new OpenAI({
    apiKey: 'sk-ant-test',
    baseURL: `${gateway.origin}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` },
  });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

const last = () => upstream.requests[upstream.requests.length - 1];
const hi: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];

async function drain(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('anthropic provider through the gateway', () => {
  it('counts cache reads in prompt_tokens and reports them as cached_tokens', async () => {
    const body = { ...fixtureJson('anthropic-text'), usage: { input_tokens: 12, cache_creation_input_tokens: 100, cache_read_input_tokens: 2048, output_tokens: 6 } };
    upstream.setHandler((_, response) => sendJson(response, 200, body));
    const completion = await client.chat.completions.create({ model, messages: hi });
    expect(completion.usage).toEqual({ prompt_tokens: 2160, completion_tokens: 6, total_tokens: 2166, prompt_tokens_details: { cached_tokens: 2048 } });
  });

  it('streams cached usage and a max_tokens stop as finish_reason "length"', async () => {
    upstream.setHandler(replayEvents('anthropic-cached-usage'));
    const chunks = await drain(await client.chat.completions.create({ model, messages: hi, stream: true, stream_options: { include_usage: true } }));
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['length']);
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 2060, completion_tokens: 7, total_tokens: 2067, prompt_tokens_details: { cached_tokens: 2048 } });
    expect(chunks[0].id).toBe('msg_01Cached');
  });

  it('sends no usage chunk when the client did not ask for one', async () => {
    upstream.setHandler(replayEvents('anthropic-text'));
    const chunks = await drain(await client.chat.completions.create({ model, messages: hi, stream: true }));
    expect(chunks.every((chunk) => chunk.usage === undefined || chunk.usage === null)).toBe(true);
  });

  it('maps stop_sequence to "stop" and max_tokens to "length"', async () => {
    upstream.setHandler((_, response) => sendJson(response, 200, { ...fixtureJson('anthropic-text'), stop_reason: 'stop_sequence', stop_sequence: 'END' }));
    expect((await client.chat.completions.create({ model, messages: hi, stop: ['END'] })).choices[0].finish_reason).toBe('stop');
    upstream.setHandler((_, response) => sendJson(response, 200, { ...fixtureJson('anthropic-text'), stop_reason: 'max_tokens' }));
    expect((await client.chat.completions.create({ model, messages: hi, max_completion_tokens: 5 })).choices[0].finish_reason).toBe('length');
    expect(last().json.max_tokens).toBe(5);
  });

  it('streams parallel tool calls with their own indexes, after the text', async () => {
    upstream.setHandler(replayEvents('anthropic-parallel-tool-calls'));
    const chunks = await drain(await client.chat.completions.create({ model, messages: hi, stream: true }));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    const calls: { id?: string; name: string; arguments: string }[] = [];
    for (const chunk of chunks) {
      for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
        calls[call.index] ??= { name: '', arguments: '' };
        if (call.id) calls[call.index].id = call.id;
        calls[call.index].name += call.function?.name ?? '';
        calls[call.index].arguments += call.function?.arguments ?? '';
      }
    }
    expect(text).toBe('Checking both cities.');
    expect(calls.map((call) => [call.id, call.name, JSON.parse(call.arguments)])).toEqual([
      ['toolu_01Paris', 'get_weather', { city: 'Paris' }],
      ['toolu_01Tokyo', 'get_weather', { city: 'Tokyo' }],
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['tool_calls']);
  });

  it('answers parallel tool calls without streaming, text kept beside them', async () => {
    const body = { ...fixtureJson('anthropic-tool-call') };
    body.content = [...body.content, { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Tokyo' } }];
    upstream.setHandler((_, response) => sendJson(response, 200, body));
    const message = (await client.chat.completions.create({ model, messages: hi })).choices[0].message;
    expect(message.content).toBe('<thinking>I need to use get_weather.</thinking>');
    expect(message.tool_calls?.map((call) => (call as OpenAI.ChatCompletionMessageFunctionToolCall).function.arguments)).toEqual(['{"city":"Paris"}', '{"city":"Tokyo"}']);
  });

  it('ignores ping events and SSE comments in the upstream stream', async () => {
    const events = toServerSentEvents(fixtureEvents('anthropic-text'));
    upstream.setHandler((_, response) => sendEvents(response, [': keep-alive\n\n', events[0], 'event: ping\ndata: {"type": "ping"}\n\n', ...events.slice(1)]));
    const chunks = await drain(await client.chat.completions.create({ model, messages: hi, stream: true }));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toBe('Hello from the stream');
  });

  it('ends the stream with an error the SDK raises when Anthropic sends an error event mid-stream', async () => {
    upstream.setHandler(replayEvents('anthropic-error'));
    const stream = await client.chat.completions.create({ model, messages: hi, stream: true });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((error: unknown) => error);
    expect(text).toBe('Hello');
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toContain('conformance: overloaded');
  });

  it('ends a stream cut before message_stop with an error, not [DONE]', async () => {
    upstream.setHandler((_, response) => sendEvents(response, toServerSentEvents(fixtureEvents('anthropic-text').slice(0, 4))));
    const response = await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer k', 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` },
      body: JSON.stringify({ model, messages: hi, stream: true }),
    });
    const text = await response.text();
    expect(text).toContain('"code":"stream_interrupted"');
    expect(text).not.toContain('[DONE]');
  });

  it('keeps the status of an overloaded_error (529) and its message', async () => {
    upstream.setHandler((_, response) => sendJson(response, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    const failure = (await client.chat.completions.create({ model, messages: hi }).catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(failure.status).toBe(529);
    expect(failure.message).toContain('Overloaded');
    expect((failure.error as { type?: string }).type).toBe('overloaded_error');
  });

  it('sends developer messages as the system prompt', async () => {
    upstream.setHandler((_, response) => sendJson(response, 200, fixtureJson('anthropic-text')));
    await client.chat.completions.create({ model, messages: [{ role: 'developer', content: 'Answer in French.' }, ...hi] });
    expect(last().json.system).toBe('Answer in French.');
    expect(last().json.messages).toEqual(hi);
  });

  it('rejects n > 1 with a clear 400 before calling Anthropic', async () => {
    const before = upstream.requests.length;
    const failure = (await client.chat.completions.create({ model, messages: hi, n: 2 }).catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
    expect(failure.status).toBe(400);
    expect(failure.message).toContain('n must be 1');
    expect(upstream.requests.length).toBe(before);
  });

  it('sends anthropic-beta and anthropic-version settings from x-portkey-* headers', async () => {
    upstream.setHandler((_, response) => sendJson(response, 200, fixtureJson('anthropic-text')));
    await client.chat.completions.create({ model, messages: hi }, { headers: { 'x-portkey-anthropic-beta': 'prompt-caching-2024-07-31', 'x-portkey-anthropic-version': '2023-01-01' } });
    expect(last().headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
    expect(last().headers['anthropic-version']).toBe('2023-01-01');
  });

  it('lists models in OpenAI format', async () => {
    upstream.setHandler((_, response) => sendJson(response, 200, { data: [{ type: 'model', id: model, display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' }], has_more: false }));
    const page = await client.models.list();
    expect(page.data).toEqual([{ id: model, object: 'model', created: 1759104000, owned_by: 'anthropic' }]);
    expect(last().url).toBe('/v1/models');
  });
});
