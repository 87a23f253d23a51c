/**
 * The AI SDK's default OpenAI provider (`createOpenAI({ baseURL })(model)`, which calls
 * `/v1/responses`) against the gateway and a mock Anthropic upstream: `generateText` and `streamText`
 * with a tool over two steps.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream, startTestGateway, type MockUpstream, type RecordedRequest, type TestGateway } from '@ai-gateway/testing';
import type { ServerResponse } from 'node:http';
import { anthropicProvider } from './anthropic-provider.js';
import { replayEvents, replayJson } from './__fixtures__/replay-fixture.js';

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

const model = () => createOpenAI({ baseURL: `${gateway.origin}/v1`, apiKey: 'sk-ant-test', headers: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` } })(modelName);
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

  it('explains the 400 when the AI SDK refers to stored items (its default store: true)', async () => {
    const failure = await generateText({ model: model(), prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3) }).then(() => undefined, (error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure?.message).toContain('Stored responses are not supported yet');
    expect(failure?.message).toContain('store: false');
  });
});
