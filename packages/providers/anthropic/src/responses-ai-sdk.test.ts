/**
 * The AI SDK's default OpenAI provider (`createOpenAI({ baseURL })(model)`, which calls
 * `/v1/responses`) against the gateway and a mock Anthropic upstream: `generateText` and `streamText`
 * with a tool over two steps, stateless (`store: false`) and with its default `store: true`, where the
 * second step refers to the first step's stored items.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendEvents, startMockUpstream, startTestGateway, type MockUpstream, type RecordedRequest, type TestGateway } from '@ai-gateway/testing';
import type { ServerResponse } from 'node:http';
import { anthropicProvider } from './anthropic-provider.js';
import { fixtureEvents, replayEvents, replayJson, toServerSentEvents } from './__fixtures__/replay-fixture.js';

const modelName = 'claude-sonnet-4-5-20250929';
let upstream: MockUpstream;
let gateway: TestGateway;

/** A tool call first; once a tool result is in the conversation, text. */
function weatherAgent(request: RecordedRequest, response: ServerResponse) {
  const hasResult = request.json.messages.some((message: { content: unknown }) => Array.isArray(message.content) && message.content.some((block: { type?: string }) => block.type === 'tool_result'));
  const name = hasResult ? 'anthropic-text' : 'anthropic-tool-call';
  return request.json.stream ? replayEvents(name)(request, response) : replayJson(name)(request, response);
}

beforeAll(async () => {
  upstream = await startMockUpstream(weatherAgent);
  gateway = await startTestGateway({ providers: [anthropicProvider] });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => upstream.setHandler(weatherAgent));

/** The bodies the AI SDK sent to the gateway. */
const gatewayRequests: any[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  if (typeof init?.body === 'string') gatewayRequests.push(JSON.parse(init.body));
  return fetch(input, init);
};
const model = () => createOpenAI({ baseURL: `${gateway.origin}/v1`, apiKey: 'sk-ant-test', fetch: recordingFetch, headers: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` } })(modelName);
const weather = tool({ description: 'Weather for a city', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, temp: 21 }) });
const statelessOptions = { openai: { store: false } };

describe('AI SDK createOpenAI()(model) on an anthropic target', () => {
  it('runs a tool over two steps with generateText', async () => {
    const before = upstream.requests.length;
    const result = await generateText({ model: model(), prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3), providerOptions: statelessOptions });
    expect(upstream.requests.length - before).toBe(2);
    expect(result.steps[0].toolCalls).toMatchObject([{ toolName: 'get_weather', input: { city: 'Paris' } }]);
    expect(upstream.requests.at(-1)!.json.messages.at(-1).content[0]).toMatchObject({ type: 'tool_result', content: '{"city":"Paris","temp":21}' });
    expect(result.text).toBe('Hello from the mock upstream');
    expect(result.finishReason).toBe('stop');
  });

  it('runs a tool over two steps with streamText', async () => {
    const result = streamText({ model: model(), prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3), providerOptions: statelessOptions });
    expect(await result.text).toBe('Hello from the stream');
    const steps = await result.steps;
    expect(steps[0].toolCalls).toMatchObject([{ toolName: 'get_weather', input: { city: 'Paris' } }]);
    expect(upstream.requests.at(-1)!.json.stream).toBe(true);
  });

  it('runs a tool over two steps with its default store: true, the second step referring to the stored call', async () => {
    const before = upstream.requests.length;
    const result = await generateText({ model: model(), prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3) });
    expect(upstream.requests.length - before).toBe(2);
    expect(result.text).toBe('Hello from the mock upstream');
    // The SDK sent the first step's call as an item_reference; the gateway resolved it from the stored response.
    expect(gatewayRequests.at(-1)!.input).toContainEqual(expect.objectContaining({ type: 'item_reference' }));
    const [assistant, toolResult] = upstream.requests.at(-1)!.json.messages.slice(-2);
    expect(assistant.content).toContainEqual(expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } }));
    expect(toolResult.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: assistant.content.at(-1).id, content: '{"city":"Paris","temp":21}' });
  });

  it('runs a tool over two steps with streamText and its default store: true', async () => {
    // A text block before the call: the AI SDK refers to the stored message item instead of sending it.
    const [start, ...rest] = fixtureEvents('anthropic-tool-call');
    const textThenCall = toServerSentEvents([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me check.' } },
      { type: 'content_block_stop', index: 0 },
      ...rest.map((event) => (typeof event.index === 'number' ? { ...event, index: event.index + 1 } : event)),
    ]);
    upstream.setHandler((request, response) => (request.json.stream && request.json.messages.length === 1 ? sendEvents(response, textThenCall) : weatherAgent(request, response)));
    const result = streamText({ model: model(), prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3) });
    expect(await result.text).toBe('Hello from the stream');
    expect((await result.steps)[0].toolCalls).toMatchObject([{ toolName: 'get_weather', input: { city: 'Paris' } }]);
    expect(gatewayRequests.at(-1)!.input).toContainEqual(expect.objectContaining({ type: 'item_reference' }));
    const messages = upstream.requests.at(-1)!.json.messages;
    expect(messages.at(-2).content).toEqual([{ type: 'text', text: 'Let me check.' }, expect.objectContaining({ type: 'tool_use', name: 'get_weather' })]);
    expect(messages.at(-1).content[0]).toMatchObject({ type: 'tool_result', content: '{"city":"Paris","temp":21}' });
  });
});
