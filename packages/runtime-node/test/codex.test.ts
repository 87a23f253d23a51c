/**
 * docs/codex.md's recipe as Codex runs it: the documented config file's model alias routes Codex's
 * model name to Anthropic with the operator's key, and a Codex-shaped streamed Responses request
 * (instructions, function tools, `store: false`, `include: ["reasoning.encrypted_content"]`, reasoning
 * effort, then a turn replaying the reasoning, the call and its output) runs against a mock Anthropic
 * upstream that signs its thinking and, as Anthropic does, refuses a next turn that drops it.
 * The documented `config.toml` blocks are parsed as Codex would read them, and the requests are made
 * from them: their model, their `base_url` path, their headers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
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
type CodexProvider = { base_url: string; wire_api: string; env_key: string; http_headers?: Record<string, string>; env_http_headers?: Record<string, string> };
type CodexConfig = { model?: string; model_provider?: string; model_providers: Record<string, CodexProvider> };

const doc = readFileSync(new URL('../../../docs/codex.md', import.meta.url), 'utf8');
const documentedConfig = () => JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]) as DocumentedConfig;
/** The `config.toml` blocks: the one naming the gateway's alias, then the one with headers instead. */
const codexConfigs = [...doc.matchAll(/```toml\n([\s\S]*?)```/g)].map((match) => parseToml(match[1]) as unknown as CodexConfig);
const [aliasConfig, headerConfig] = codexConfigs;
const aliasProvider = aliasConfig.model_providers[aliasConfig.model_provider!];
const headerProvider = Object.values(headerConfig.model_providers)[0];

/**
 * What Codex reads in a `model_providers` entry, which it parses refusing unknown fields, and the one
 * `wire_api` it accepts (`ModelProviderInfo` and `WireApi` in codex-rs/model-provider-info/src/lib.rs;
 * `"chat"` is refused since Codex dropped chat completions).
 */
const codexProviderFields = ['name', 'base_url', 'env_key', 'env_key_instructions', 'experimental_bearer_token', 'auth', 'aws', 'wire_api', 'query_params', 'http_headers', 'env_http_headers', 'request_max_retries', 'stream_max_retries', 'stream_idle_timeout_ms', 'websocket_connect_timeout_ms', 'requires_openai_auth', 'supports_websockets'];

beforeAll(async () => {
  upstream = await startMockUpstream(anthropicWeatherAgent);
  const config = documentedConfig();
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
function codexRequest(input: unknown[], model = aliasConfig.model) {
  return {
    model, instructions: 'You are Codex, a coding agent.', input, tools: [shellTool, weatherTool], tool_choice: 'auto',
    parallel_tool_calls: false, reasoning: { effort: 'medium', summary: 'auto' }, store: false, stream: true,
    include: ['reasoning.encrypted_content'], prompt_cache_key: '0199a0b1-codex-conversation',
  };
}

type StreamEvent = { type: string; [key: string]: any };

/**
 * Posts as Codex does with `provider`: to its `base_url` (the test gateway's address, the documented
 * path) plus `/responses`, the value of its `env_key` as a Bearer token, its `http_headers`, and the
 * `env_http_headers` whose variable `environment` sets. Reads the event stream.
 */
async function postAsCodex(body: unknown, provider = aliasProvider, environment: Record<string, string> = { [aliasProvider.env_key]: 'unused' }, extraHeaders: Record<string, string> = {}): Promise<{ status: number; events: StreamEvent[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${environment[provider.env_key]}`, ...provider.http_headers, ...extraHeaders };
  for (const [header, variable] of Object.entries(provider.env_http_headers ?? {})) if (environment[variable]) headers[header] = environment[variable];
  const response = await fetch(`${gateway.url}${new URL(provider.base_url).pathname}/responses`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  const events = text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as StreamEvent);
  return { status: response.status, events };
}

describe("docs/codex.md's config.toml", () => {
  it('holds model_providers entries Codex accepts, speaking the Responses API to the gateway on its default address', () => {
    expect(codexConfigs).toHaveLength(2);
    for (const config of codexConfigs) {
      for (const provider of Object.values(config.model_providers)) {
        expect(codexProviderFields).toEqual(expect.arrayContaining(Object.keys(provider)));
        expect(provider.wire_api).toBe('responses');
        expect(provider.env_key).toMatch(/^[A-Z_]+$/);
        // `ai-gateway` listens on 127.0.0.1:8787 by default and serves the Responses API under /v1.
        const baseUrl = new URL(provider.base_url);
        expect([baseUrl.origin, baseUrl.pathname]).toEqual(['http://127.0.0.1:8787', '/v1']);
      }
    }
  });

  it("names Codex's model as an alias of the documented gateway config, and a provider entry of its own", () => {
    expect(Object.keys(documentedConfig().models)).toContain(aliasConfig.model);
    expect(aliasProvider).toBeDefined();
    expect(aliasConfig.model_provider).not.toBe('openai');
  });

  it('sends the target in headers with the header-only entry, and Codex\'s own key upstream', async () => {
    expect(headerProvider.http_headers).toEqual({ 'x-portkey-provider': 'anthropic' });
    // Only the custom host is the test's own: it points the target at the mock upstream.
    const { status, events } = await postAsCodex(codexRequest([userTurn], 'claude-haiku-4-5'), headerProvider, { [headerProvider.env_key]: 'sk-ant-codex' }, { 'x-portkey-custom-host': `${upstream.origin}/v1` });
    expect(status).toBe(200);
    expect(last().url).toBe('/v1/messages');
    expect(last().headers['x-api-key']).toBe('sk-ant-codex');
    expect(last().json.model).toBe('claude-haiku-4-5');
    expect(events.at(-1)!.type).toBe('response.completed');
  });
});

describe('Codex through the documented model alias (docs/codex.md)', () => {
  it("streams a function call for Codex's first turn, sent to the alias's provider with the operator's key", async () => {
    const { status, events } = await postAsCodex(codexRequest([userTurn]));
    expect(status).toBe(200);
    expect(last().url).toBe('/v1/messages');
    expect(last().headers['x-api-key']).toBe('sk-ant-operator');
    // Effort from Codex, thinking switched on by the documented target's override_params.
    expect(last().json).toMatchObject({ model: aliasConfig.model, stream: true, output_config: { effort: 'medium' }, thinking: { type: 'adaptive' } });
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
