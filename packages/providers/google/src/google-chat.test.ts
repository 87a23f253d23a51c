/**
 * Behaviour beyond the conformance suite, seen by an openai SDK client through the gateway:
 * finish reasons, usage with cached and reasoning tokens, parallel tool calls and their ids,
 * JSON schema output, rejected parameters, error mapping and broken streams.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEvents, sendJson, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { fixtureJson, replayEvents, replayJson } from './__fixtures__/fixtures.js';
import { googleProvider } from './google-provider.js';

let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const model = 'gemini-2.5-flash';
const last = () => upstream.requests[upstream.requests.length - 1];
const hi: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];

beforeAll(async () => {
  upstream = await startMockUpstream((_, response) => replayJson(response, 'gemini-text.json'));
  gateway = await startTestGateway({ providers: [googleProvider] });
  client = new OpenAI({
    apiKey: 'gemini-key',
    baseURL: `${gateway.origin}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': 'google', 'x-portkey-custom-host': `${upstream.origin}/v1beta` },
  });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

async function drain(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function answerWith(body: object) {
  upstream.setHandler((_, response) => sendJson(response, 200, body));
}

describe('google chat', () => {
  it('returns parallel tool calls with stable ids and the thought signature Gemini 3 needs back', async () => {
    upstream.setHandler((_, response) => replayJson(response, 'gemini-parallel-tool-calls.json'));
    const first = await client.chat.completions.create({ model, messages: hi });
    const second = await client.chat.completions.create({ model, messages: hi });
    const message = first.choices[0].message;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(message.content).toBe('Checking both.');
    expect(message.tool_calls?.map((call) => call.id)).toEqual(second.choices[0].message.tool_calls?.map((call) => call.id));
    expect(new Set(message.tool_calls?.map((call) => call.id)).size).toBe(2);
    expect((message.tool_calls![0] as any).extra_content).toEqual({ google: { thought_signature: 'c2lnbmF0dXJlLTE=' } });

    // The client sends the assistant message back as it got it: the signature reaches Gemini again.
    upstream.setHandler((_, response) => replayJson(response, 'gemini-text.json'));
    await client.chat.completions.create({
      model,
      messages: [...hi, message as OpenAI.ChatCompletionMessageParam, ...message.tool_calls!.map((call) => ({ role: 'tool' as const, tool_call_id: call.id, content: '{"temp":20}' }))],
    });
    const contents = last().json.contents;
    expect(contents[1].parts[1]).toEqual({ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnbmF0dXJlLTE=' });
    expect(contents[2].parts).toHaveLength(2);
  });

  it('streams parallel tool calls with their own indexes and ids after the text', async () => {
    upstream.setHandler((_, response) => replayEvents(response, 'gemini-parallel-tool-calls.chunks.txt'));
    const chunks = await drain(await client.chat.completions.create({ model, messages: hi, stream: true }));
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content).filter(Boolean).join('')).toBe('Checking both.');
    expect(calls.map((call) => [call.index, call.function?.name, JSON.parse(call.function!.arguments!)])).toEqual([[0, 'get_weather', { city: 'Paris' }], [1, 'get_weather', { city: 'Rome' }]]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    expect((calls[0] as any).extra_content).toEqual({ google: { thought_signature: 'c2lnbmF0dXJlLTE=' } });
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['tool_calls']);
  });

  it('sends a JSON schema response_format as responseJsonSchema', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    answerWith({ ...fixtureJson('gemini-text.json'), candidates: [{ content: { role: 'model', parts: [{ text: '{"answer":"yes"}' }] }, finishReason: 'STOP' }] });
    const completion = await client.chat.completions.create({ model, messages: hi, response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } } });
    expect(last().json.generationConfig).toEqual({ responseMimeType: 'application/json', responseJsonSchema: schema });
    expect(JSON.parse(completion.choices[0].message.content!)).toEqual({ answer: 'yes' });
  });

  it.each([
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['OTHER', 'stop'],
  ])('maps finish reason %s to %s', async (reason, expected) => {
    answerWith({ candidates: [{ content: { role: 'model', parts: [{ text: 'x' }] }, finishReason: reason }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 } });
    const completion = await client.chat.completions.create({ model, messages: hi });
    expect(completion.choices[0].finish_reason).toBe(expected);
  });

  it('answers a blocked prompt with an empty content_filter choice', async () => {
    answerWith({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 } });
    const completion = await client.chat.completions.create({ model, messages: hi });
    expect(completion.choices).toEqual([{ index: 0, message: { role: 'assistant', content: null, refusal: null }, logprobs: null, finish_reason: 'content_filter' }]);
  });

  it('returns one choice per candidate for n > 1', async () => {
    answerWith({ candidates: [0, 1].map((index) => ({ index, content: { role: 'model', parts: [{ text: `answer ${index}` }] }, finishReason: 'STOP' })) });
    const completion = await client.chat.completions.create({ model, messages: hi, n: 2 });
    expect(last().json.generationConfig.candidateCount).toBe(2);
    expect(completion.choices.map((choice) => [choice.index, choice.message.content])).toEqual([[0, 'answer 0'], [1, 'answer 1']]);
  });

  it('reports cached and reasoning tokens, non-streamed and streamed (usage once, last)', async () => {
    answerWith({ candidates: [{ content: { role: 'model', parts: [{ text: 'x' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 2100, cachedContentTokenCount: 2048, candidatesTokenCount: 2, thoughtsTokenCount: 30, totalTokenCount: 2132 } });
    const completion = await client.chat.completions.create({ model, messages: hi });
    expect(completion.usage).toEqual({ prompt_tokens: 2100, completion_tokens: 32, total_tokens: 2132, prompt_tokens_details: { cached_tokens: 2048 }, completion_tokens_details: { reasoning_tokens: 30 } });

    upstream.setHandler((_, response) => replayEvents(response, 'gemini-cached-thinking.chunks.txt'));
    const chunks = await drain(await client.chat.completions.create({ model, messages: hi, stream: true, stream_options: { include_usage: true } }));
    const withUsage = chunks.filter((chunk) => chunk.usage);
    expect(withUsage).toHaveLength(1);
    expect(chunks[chunks.length - 1]).toBe(withUsage[0]);
    expect(withUsage[0].usage).toEqual({ prompt_tokens: 2100, completion_tokens: 32, total_tokens: 2132, prompt_tokens_details: { cached_tokens: 2048 } });
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['length']);
    expect(chunks[0].model).toBe('gemini-2.5-flash');
    expect(chunks[0].id).toBe('chatcmpl-mockCached1');
  });

  it('sends no usage chunk unless the client asks for it', async () => {
    upstream.setHandler((_, response) => replayEvents(response, 'gemini-text.chunks.txt'));
    const chunks = await drain(await client.chat.completions.create({ model, messages: hi, stream: true }));
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
  });

  it('rejects a parameter Gemini cannot honour with a 400 naming it, before calling Gemini', async () => {
    const before = upstream.requests.length;
    const failure = await client.chat.completions.create({ model, messages: hi, logit_bias: { 50256: -100 } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('logit_bias');
    expect(upstream.requests.length).toBe(before);
  });

  it('keeps the status, message and Google status name of an error', async () => {
    upstream.setHandler((_, response) => sendJson(response, 429, { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } }));
    const failure = await client.chat.completions.create({ model, messages: hi }).catch((error: unknown) => error) as InstanceType<typeof OpenAI.APIError>;
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    expect(failure.message).toContain('Resource has been exhausted');
    expect(failure.code).toBe('RESOURCE_EXHAUSTED');
  });

  it('ends a stream that stops without a finish reason with an error, not a short answer', async () => {
    upstream.setHandler((_, response) => sendEvents(response, [`data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'Half' }] } }] })}\n\n`]));
    const failure = await drain(await client.chat.completions.create({ model, messages: hi, stream: true })).catch((error: unknown) => error);
    expect((failure as Error).message).toContain('before it finished');
  });

  it('ends a stream carrying text that is not JSON with an error event, not a crash', async () => {
    upstream.setHandler((_, response) => sendEvents(response, ['data: {"candidates": [\n\n']));
    const failure = await drain(await client.chat.completions.create({ model, messages: hi, stream: true })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
  });
});
