/**
 * The openai SDK's Responses API (`responses.create`, `.stream`, `.parse`) at the gateway's
 * `/v1/responses`, routed to a mock Anthropic upstream: the request translated through chat to
 * Anthropic's Messages format, and Anthropic's answer back as Responses output items and events.
 */
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendEvents, sendJson, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { anthropicProvider } from './anthropic-provider.js';
import { fixtureEvents, fixtureJson, replayEvents, replayJson, toServerSentEvents } from './__fixtures__/replay-fixture.js';

const model = 'claude-sonnet-4-5-20250929';
let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startMockUpstream(replayJson('anthropic-text'));
  gateway = await startTestGateway({ providers: [anthropicProvider] });
  client = new OpenAI({ apiKey: 'sk-ant-test', baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` } });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => upstream.setHandler(replayJson('anthropic-text')));

const last = () => upstream.requests[upstream.requests.length - 1];
const weatherTool: OpenAI.Responses.FunctionTool = { type: 'function', name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false }, strict: true };
const thinkingAnswer = { ...fixtureJson('anthropic-text'), content: [{ type: 'thinking', thinking: 'The user greets me.', signature: 'sig' }, { type: 'text', text: 'Hello' }] };

describe('openai SDK responses.create on an anthropic target', () => {
  it('translates instructions, text and an image, and answers a message item with usage', async () => {
    const response = await client.responses.create({
      model, instructions: 'Be brief.', max_output_tokens: 100, temperature: 0.2, metadata: { team: 'a' },
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' }] }],
    });
    expect(last().url).toBe('/v1/messages');
    expect(last().headers['x-api-key']).toBe('sk-ant-test');
    expect(last().json).toEqual({
      model, max_tokens: 100, temperature: 0.2, system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] }],
    });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Hello from the mock upstream');
    expect(response.metadata).toEqual({ team: 'a' });
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 6, total_tokens: 18, input_tokens_details: { cached_tokens: 0 } });
  });

  it('calls a function, then sends function_call and function_call_output items on the second turn', async () => {
    upstream.setHandler(replayJson('anthropic-tool-call'));
    const first = await client.responses.create({ model, input: 'Weather in Paris?', tools: [weatherTool], tool_choice: 'required', parallel_tool_calls: false });
    expect(last().json.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(last().json.tools).toEqual([{ name: 'get_weather', description: 'Weather for a city', input_schema: weatherTool.parameters, strict: true }]);
    const call = first.output.find((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call');
    expect(call).toMatchObject({ call_id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' });

    upstream.setHandler(replayJson('anthropic-text'));
    const second = await client.responses.create({
      model, tools: [weatherTool], tool_choice: { type: 'function', name: 'get_weather' }, store: false,
      input: [{ role: 'user', content: 'Weather in Paris?' }, ...first.output, { type: 'function_call_output', call_id: call!.call_id, output: '{"temp":21}' }] as OpenAI.Responses.ResponseInput,
    });
    expect(last().json.tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(last().json.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: [{ type: 'text', text: '<thinking>I need to use get_weather.</thinking>' }, { type: 'tool_use', id: call!.call_id, name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call!.call_id, content: '{"temp":21}' }] },
    ]);
    expect(second.output_text).toBe('Hello from the mock upstream');
  });

  it('returns Anthropic thinking as a reasoning item with its summary, and maps reasoning.effort', async () => {
    upstream.setHandler((_, response) => sendJson(response, 200, thinkingAnswer));
    const response = await client.responses.create({ model, input: 'Hi', reasoning: { effort: 'high' } });
    expect(last().json.output_config).toEqual({ effort: 'high' });
    expect(response.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'The user greets me.' }] });
    expect(response.output_text).toBe('Hello');
  });

  it('answers a length stop as incomplete with the reason', async () => {
    upstream.setHandler((_, response) => sendJson(response, 200, { ...fixtureJson('anthropic-text'), stop_reason: 'max_tokens' }));
    const response = await client.responses.create({ model, input: 'Hi', max_output_tokens: 5 });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });

  it('parses a zod text format', async () => {
    upstream.setHandler((_, response) => sendJson(response, 200, { ...fixtureJson('anthropic-text'), content: [{ type: 'text', text: '{"city":"Paris","temp":21}' }] }));
    const response = await client.responses.parse({ model, input: 'Weather?', text: { format: zodTextFormat(z.object({ city: z.string(), temp: z.number() }), 'weather') } });
    expect(last().json.output_config.format).toMatchObject({ type: 'json_schema', schema: { type: 'object', required: ['city', 'temp'] } });
    expect(response.output_parsed).toEqual({ city: 'Paris', temp: 21 });
  });

  it('raises an upstream 429 as RateLimitError with an OpenAI error body', async () => {
    upstream.setHandler((_, response) => sendJson(response, 429, { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } }));
    const failure = await client.responses.create({ model, input: 'Hi' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).message).toContain('Slow down');
  });

  it('answers an unknown previous_response_id with a 404, and refuses item references it cannot resolve and built-in tools with a 400, without calling Anthropic', async () => {
    const before = upstream.requests.length;
    const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
    const refusals = await Promise.all([
      failureOf(client.responses.create({ model, input: 'Hi', previous_response_id: 'resp_123' })),
      failureOf(client.responses.create({ model, input: [{ type: 'item_reference', id: 'msg_123' }] })),
      failureOf(client.responses.create({ model, input: 'Hi', tools: [{ type: 'web_search' }] })),
    ]);
    expect(refusals.map((failure) => failure?.status)).toEqual([404, 400, 400]);
    expect(refusals[0]?.message).toContain("Previous response with id 'resp_123' not found.");
    expect(refusals[1]?.message).toContain('msg_123');
    expect(refusals[2]?.message).toContain('web_search');
    expect(upstream.requests.length).toBe(before);
  });
});

describe('openai SDK responses.stream on an anthropic target', () => {
  it('streams text with numbered events and a final response', async () => {
    upstream.setHandler(replayEvents('anthropic-text'));
    const stream = client.responses.stream({ model, input: 'Hi' });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const response = await stream.finalResponse();
    expect(last().json).toMatchObject({ stream: true });
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events[0].type).toBe('response.created');
    expect(events.at(-1)!.type).toBe('response.completed');
    expect(events.some((event) => event.type === 'response.output_text.delta')).toBe(true);
    expect(response.output_text).toBe(fixtureEvents('anthropic-text').filter((event) => event.delta?.type === 'text_delta').map((event) => event.delta.text).join(''));
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('streams function-call arguments', async () => {
    upstream.setHandler(replayEvents('anthropic-tool-call'));
    const stream = client.responses.stream({ model, input: 'Weather?', tools: [weatherTool] });
    const deltas: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => deltas.push(event.delta));
    const response = await stream.finalResponse();
    expect(deltas.length).toBeGreaterThan(1);
    expect(response.output.at(-1)).toMatchObject({ type: 'function_call', name: 'get_weather', call_id: 'toolu_01WeatherParis' });
    expect(JSON.parse((response.output.at(-1) as OpenAI.Responses.ResponseFunctionToolCall).arguments)).toEqual({ city: 'Paris' });
  });

  it('streams thinking as reasoning summary text', async () => {
    const [start, ...rest] = fixtureEvents('anthropic-text');
    upstream.setHandler((_, response) => sendEvents(response, toServerSentEvents([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Greeting, ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'so greet back.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      ...rest.map((event) => (typeof event.index === 'number' ? { ...event, index: event.index + 1 } : event)),
    ])));
    const stream = client.responses.stream({ model, input: 'Hi', reasoning: { effort: 'low', summary: 'auto' } });
    const summaryDeltas: string[] = [];
    stream.on('response.reasoning_summary_text.delta', (event) => summaryDeltas.push(event.delta));
    const response = await stream.finalResponse();
    expect(summaryDeltas).toEqual(['Greeting, ', 'so greet back.']);
    expect(response.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Greeting, so greet back.' }] });
    expect(response.output[1]).toMatchObject({ type: 'message' });
  });

  it('ends with response.failed when Anthropic fails mid-stream', async () => {
    upstream.setHandler(replayEvents('anthropic-error'));
    const stream = client.responses.stream({ model, input: 'Hi' });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const response = await stream.finalResponse();
    expect(types.at(-1)).toBe('response.failed');
    expect(response.status).toBe('failed');
    expect(response.error?.message).toBeTruthy();
  });
});
