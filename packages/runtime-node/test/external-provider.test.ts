/**
 * The provider contract is public: a provider from outside the repository plugs in next to the
 * built-in ones with no change to core, and the official openai SDK uses it like any other.
 */
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { builtinProviders } from '@ai-gateway/providers';
import { startGateway, type RunningGateway } from '../src/index.js';
import { shoutyProvider } from './fixtures/external-provider/index.js';

let upstream: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startMockUpstream((request, response) => {
    if (request.headers['x-shouty-key'] !== 'shh') return sendJson(response, 401, { why: 'wrong key' });
    sendJson(response, 200, { shouted: request.json.lines.join(' ').toUpperCase(), spent: { heard: 3, said: 2 } });
  });
  gateway = await startGateway({ port: 0, host: '127.0.0.1', providers: [...builtinProviders, shoutyProvider] });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('a third-party provider package', () => {
  it('depends on nothing but the contract package, @ai-gateway/spec', () => {
    const source = readFileSync(new URL('./fixtures/external-provider/index.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
    expect(imports).toEqual(['@ai-gateway/spec']);
  });

  it('serves chat through its own wire format, with its own auth and error mapping', async () => {
    const client = new OpenAI({ apiKey: 'shh', baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'shouty', 'x-portkey-custom-host': `${upstream.origin}/v2` } });
    const completion = await client.chat.completions.create({ model: 'loud', messages: [{ role: 'user', content: 'hello there' }] });
    expect(completion.choices[0].message.content).toBe('HELLO THERE');
    expect(completion.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
    expect(upstream.requests.at(-1)).toMatchObject({ url: '/v2/shout', json: { voice: 'loud', lines: ['hello there'] } });

    const wrongKey = new OpenAI({ apiKey: 'nope', baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'shouty', 'x-portkey-custom-host': `${upstream.origin}/v2` } });
    const failure = await wrongKey.chat.completions.create({ model: 'loud', messages: [{ role: 'user', content: 'hi' }] }).catch((error) => error);
    expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(failure.message).toContain('shouty refused (401): wrong key');
  });

  it('declaring no settings (written before ProviderV1.settings), gets any config field and header unchecked, as before', async () => {
    const config = { provider: 'shouty', api_key: 'shh', custom_host: `${upstream.origin}/v2`, volume: 11 };
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config), 'x-portkey-echo': 'twice' },
      body: JSON.stringify({ model: 'loud', messages: [{ role: 'user', content: 'unchecked' }] }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).choices[0].message.content).toBe('UNCHECKED');
  });

  it('takes part in routing like a built-in provider', async () => {
    const config = { strategy: { mode: 'fallback' }, targets: [{ provider: 'shouty', api_key: 'nope', custom_host: `${upstream.origin}/v2` }, { provider: 'shouty', api_key: 'shh', custom_host: `${upstream.origin}/v2` }] };
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config) },
      body: JSON.stringify({ model: 'loud', messages: [{ role: 'user', content: 'fallback' }] }),
    });
    expect((await response.json()).choices[0].message.content).toBe('FALLBACK');
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
  });
});
