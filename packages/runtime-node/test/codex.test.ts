/**
 * docs/codex.md's recipe as Codex runs it: the documented config file's model alias routes Codex's
 * model name to Anthropic with the operator's key, and a Codex-shaped streamed Responses request
 * (instructions, function tools, `store: false`, `include: ["reasoning.encrypted_content"]`, reasoning
 * effort, then a turn replaying the reasoning, the call and its output) runs against a mock Anthropic
 * upstream that signs its thinking and, as Anthropic does, refuses a next turn that drops it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import type { RunningGateway } from '../src/index.js';
import { anthropicWeatherAgent, weatherAnswer, weatherThinking } from './anthropic-weather-upstream.js';
import { startTestGateway } from './node-harness.js';

let upstream: MockUpstream;
let gateway: RunningGateway;
const last = () => upstream.requests[upstream.requests.length - 1];

type Target = Record<string, unknown>;
type DocumentedConfig = { models: Record<string, { targets: Target[] }> };

beforeAll(async () => {
  upstream = await startMockUpstream(anthropicWeatherAgent);
  const doc = readFileSync(new URL('../../../docs/codex.md', import.meta.url), 'utf8');
  const config = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]) as DocumentedConfig;
  // The documented config as it stands, with every target sent to the mock upstream.
  for (const alias of Object.values(config.models)) for (const target of alias.targets) target.custom_host = `${upstream.origin}/v1`;
  const configPath = join(mkdtempSync(join(tmpdir(), 'codex-')), 'gateway.json');
  writeFileSync(configPath, JSON.stringify(config));
  gateway = await startTestGateway({ configFile: configPath, environment: { ANTHROPIC_API_KEY: 'sk-ant-operator', OPENAI_API_KEY: 'sk-openai-operator', GOOGLE_API_KEY: 'google-operator' } });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const shellTool = { type: 'function', name: 'shell', description: 'Runs a shell command', strict: false, parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'], additionalProperties: false } };
const weatherTool = { type: 'function', name: 'get_weather', description: 'Weather for a city', strict: false, parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } };
const userTurn = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] };

/** What Codex sends on each turn: the whole conversation, nothing stored. */
function codexRequest(input: unknown[]) {
  return {
    model: 'claude-sonnet-4-6', instructions: 'You are Codex, a coding agent.', input, tools: [shellTool, weatherTool], tool_choice: 'auto',
    parallel_tool_calls: false, reasoning: { effort: 'medium', summary: 'auto' }, store: false, stream: true,
    include: ['reasoning.encrypted_content'], prompt_cache_key: '0199a0b1-codex-conversation',
  };
}

type StreamEvent = { type: string; [key: string]: any };

/** Posts as Codex does (Bearer token from `env_key`, no gateway headers) and reads the event stream. */
async function postAsCodex(body: unknown): Promise<{ status: number; events: StreamEvent[] }> {
  const response = await fetch(`${gateway.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer unused' }, body: JSON.stringify(body) });
  const text = await response.text();
  const events = text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as StreamEvent);
  return { status: response.status, events };
}

describe('Codex through the documented model alias (docs/codex.md)', () => {
  it("streams a function call for Codex's first turn, sent to the alias's provider with the operator's key", async () => {
    const { status, events } = await postAsCodex(codexRequest([userTurn]));
    expect(status).toBe(200);
    expect(last().url).toBe('/v1/messages');
    expect(last().headers['x-api-key']).toBe('sk-ant-operator');
    // Effort from Codex, thinking switched on by the documented target's override_params.
    expect(last().json).toMatchObject({ model: 'claude-sonnet-4-6', stream: true, output_config: { effort: 'medium' }, thinking: { type: 'adaptive' } });
    expect(JSON.stringify(last().json.system)).toContain('You are Codex');
    expect(last().json.tools.map((tool: { name: string }) => tool.name)).toEqual(['shell', 'get_weather']);
    const completed = events.at(-1)!;
    expect(completed.type).toBe('response.completed');
    expect(completed.response.store).toBe(false);
    expect(completed.response.output).toEqual([
      expect.objectContaining({ type: 'reasoning' }),
      expect.objectContaining({ type: 'function_call', name: 'get_weather', call_id: 'toolu_1', arguments: '{"city": "Paris"}' }),
    ]);
  });

  it("seals Anthropic's signed thinking into the reasoning item's encrypted_content, and gives it back to Anthropic on the next turn", async () => {
    const first = await postAsCodex(codexRequest([userTurn]));
    const output = first.events.at(-1)!.response.output as StreamEvent[];
    const reasoning = output.find((item) => item.type === 'reasoning')!;
    expect(reasoning.summary).toEqual([{ type: 'summary_text', text: weatherThinking.thinking }]);
    // Sealed: neither the signature nor the block's JSON reaches the client.
    expect(reasoning.encrypted_content).toMatch(/^aigw1\./);
    expect(JSON.stringify(first.events)).not.toContain(weatherThinking.signature);
    expect(JSON.stringify(first.events)).not.toContain('thinking_blocks');
    const itemDone = first.events.find((event) => event.type === 'response.output_item.done' && event.item.type === 'reasoning')!;
    expect(itemDone.item.encrypted_content).toBe(reasoning.encrypted_content);

    // Codex's next turn: the whole conversation again, with the call's output.
    const { status, events } = await postAsCodex(codexRequest([userTurn, ...output, { type: 'function_call_output', call_id: 'toolu_1', output: '{"city":"Paris","temp":21}' }]));
    expect(status).toBe(200);
    const messages = last().json.messages;
    expect(messages[1]).toEqual({ role: 'assistant', content: [weatherThinking, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] });
    expect(messages.at(-1).content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"city":"Paris","temp":21}' });
    const text = events.filter((event) => event.type === 'response.output_text.delta').map((event) => event.delta).join('');
    expect(text).toBe(weatherAnswer);
    expect(events.at(-1)!.type).toBe('response.completed');
  });

  it('refuses encrypted_content that was altered, before calling the provider', async () => {
    const first = await postAsCodex(codexRequest([userTurn]));
    const output = first.events.at(-1)!.response.output as StreamEvent[];
    const reasoning = output.find((item) => item.type === 'reasoning')!;
    const sealed = String(reasoning.encrypted_content);
    const altered = `${sealed.slice(0, -4)}${sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const calls = upstream.requests.length;
    const response = await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer unused' },
      body: JSON.stringify(codexRequest([userTurn, { ...reasoning, encrypted_content: altered }, ...output.filter((item) => item !== reasoning), { type: 'function_call_output', call_id: 'toolu_1', output: '{}' }])),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'invalid_encrypted_content', param: 'input[1].encrypted_content' });
    expect(upstream.requests.length).toBe(calls);
  });
});
