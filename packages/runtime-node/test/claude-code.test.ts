/**
 * The README's Claude Code recipe, as Claude Code runs it: `ANTHROPIC_BASE_URL` at the gateway,
 * `ANTHROPIC_AUTH_TOKEN` as a Bearer token, no gateway headers at all, and a config file whose
 * model aliases route Claude Code's bare model names to an OpenAI target holding the operator's key.
 * Driven by the Anthropic SDK with Claude Code's request shapes.
 */
import Anthropic from '@anthropic-ai/sdk';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeCodeFirstRequest, claudeCodeHeaders, openAIUpstream, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import type { RunningGateway } from '../src/index.js';
import { startTestGateway } from './node-harness.js';

let upstream: MockUpstream;
let gateway: RunningGateway;
const last = () => upstream.requests[upstream.requests.length - 1];

beforeAll(async () => {
  upstream = await startMockUpstream(openAIUpstream);
  const configPath = join(mkdtempSync(join(tmpdir(), 'claude-code-')), 'gateway.json');
  const target = (model: string) => ({ targets: [{ provider: 'openai', api_key: 'env:OPENAI_API_KEY', custom_host: `${upstream.origin}/v1`, override_params: { model } }] });
  writeFileSync(configPath, JSON.stringify({ models: { 'claude-sonnet-4-6': target('gpt-4.1'), 'claude-haiku-4-5': target('gpt-4.1-mini') } }));
  gateway = await startTestGateway({ configFile: configPath, environment: { OPENAI_API_KEY: 'sk-operator-openai' } });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

// What Claude Code makes of ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN.
const claudeCode = () => new Anthropic({ authToken: 'any-token-for-the-gateway', apiKey: null, baseURL: gateway.url, maxRetries: 0 });

describe('Claude Code through model aliases', () => {
  it("routes Claude Code's bare model name to the alias's provider and model, with the operator's key", async () => {
    const message = await claudeCode().messages.stream(claudeCodeFirstRequest('claude-sonnet-4-6'), { headers: claudeCodeHeaders }).finalMessage();
    expect(last().url).toBe('/v1/chat/completions');
    expect(last().headers.authorization).toBe('Bearer sk-operator-openai');
    expect(last().json.model).toBe('gpt-4.1');
    expect(last().json.tools).toHaveLength(16);
    expect(message.content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }]);
  });

  it("counts tokens for an aliased model with the Node runtime's tokenizer, marked as an estimate", async () => {
    const callsBefore = upstream.requests.length;
    const response = await claudeCode().messages.countTokens({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hello world' }] }).withResponse();
    expect(upstream.requests).toHaveLength(callsBefore);
    expect(response.response.headers.get('x-ai-gateway-token-count')).toBe('estimate');
    // o200k_base: "hello world" is two tokens; the character count would say three.
    expect(response.data).toEqual({ input_tokens: 2 });
  });

  it('answers a model name with no alias and no provider with an Anthropic-shaped 400 that says what is missing', async () => {
    const failure = (await claudeCode().messages.create({ model: 'claude-opus-4-1', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error)) as InstanceType<typeof Anthropic.APIError>;
    expect(failure.status).toBe(400);
    expect(failure.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(failure.message).toMatch(/provider/);
  });
});

describe('docs/claude-code.md', () => {
  it("holds a config file the gateway loads: every setting declared, every env: reference resolved", async () => {
    const doc = readFileSync(new URL('../../../docs/claude-code.md', import.meta.url), 'utf8');
    const config = /```json\n([\s\S]*?)```/.exec(doc)![1];
    const configPath = join(mkdtempSync(join(tmpdir(), 'claude-code-doc-')), 'gateway.json');
    writeFileSync(configPath, config);
    const environment = { ANTHROPIC_API_KEY: 'a', AWS_ACCESS_KEY_ID: 'b', AWS_SECRET_ACCESS_KEY: 'c', OPENAI_API_KEY: 'd' };
    const documented = await startTestGateway({ configFile: configPath, environment });
    await documented.close();
  });
});
