/**
 * The OpenAI Agents SDK (`@openai/agents`, whose default model provider calls `/v1/responses`)
 * pointed at the gateway with a mock Anthropic upstream: an agent with one function tool runs the
 * tool with the model's arguments and ends with the model's text. Tracing is off, so nothing leaves
 * 127.0.0.1.
 */
import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool } from '@openai/agents';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import type { RunningGateway } from '../src/index.js';
import { anthropicWeatherAgent, weatherAnswer } from './anthropic-weather-upstream.js';
import { startTestGateway } from './node-harness.js';

let upstream: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  // The SDK exports traces to api.openai.com unless told not to.
  setTracingDisabled(true);
  upstream = await startMockUpstream(anthropicWeatherAgent);
  // The SDK's provider takes a base URL and key but no extra headers: a model alias picks the target.
  const configPath = join(mkdtempSync(join(tmpdir(), 'agents-sdk-')), 'gateway.json');
  writeFileSync(configPath, JSON.stringify({ models: { 'claude-sonnet-4-5': { targets: [{ provider: 'anthropic', custom_host: `${upstream.origin}/v1` }] } } }));
  gateway = await startTestGateway({ configFile: configPath });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

/** A runner whose model provider calls the gateway's `/v1/responses` with the Anthropic key. */
function gatewayRunner(): Runner {
  return new Runner({ modelProvider: new OpenAIProvider({ apiKey: 'sk-ant-test', baseURL: `${gateway.url}/v1`, useResponses: true }), tracingDisabled: true });
}

function weatherAgent(calls: unknown[]): Agent {
  const getWeather = tool({
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    strict: true,
    execute: async (input) => {
      calls.push(input);
      return JSON.stringify({ city: (input as { city: string }).city, temp: 21 });
    },
  });
  // Default model settings: without previousResponseId / conversationId the SDK sends the whole
  // conversation on every turn, which a translated target needs (it stores nothing).
  return new Agent({ name: 'Weather', instructions: 'Answer with the weather.', model: 'claude-sonnet-4-5', tools: [getWeather] });
}

describe('OpenAI Agents SDK on an anthropic target', () => {
  it('runs the function tool with the model arguments, sends its output back, and returns the final text', async () => {
    const calls: unknown[] = [];
    const before = upstream.requests.length;
    const result = await gatewayRunner().run(weatherAgent(calls), 'Weather in Paris?');
    expect(calls).toEqual([{ city: 'Paris' }]);
    const requests = upstream.requests.slice(before);
    expect(requests.map((request) => request.url)).toEqual(['/v1/messages', '/v1/messages']);
    expect(requests[1].headers['x-api-key']).toBe('sk-ant-test');
    expect(JSON.stringify(requests[1].json.system)).toContain('Answer with the weather.');
    expect(requests[1].json.messages.at(-1).content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"city":"Paris","temp":21}' });
    expect(result.finalOutput).toBe(weatherAnswer);
  });

  it('runs the same agent streamed', async () => {
    const calls: unknown[] = [];
    const before = upstream.requests.length;
    const result = await gatewayRunner().run(weatherAgent(calls), 'Weather in Paris?', { stream: true });
    const pieces: string[] = [];
    for await (const piece of result.toTextStream()) pieces.push(piece);
    await result.completed;
    expect(calls).toEqual([{ city: 'Paris' }]);
    expect(upstream.requests.slice(before).map((request) => request.json.stream)).toEqual([true, true]);
    expect(pieces.join('')).toBe(weatherAnswer);
    expect(result.finalOutput).toBe(weatherAnswer);
  });
});
