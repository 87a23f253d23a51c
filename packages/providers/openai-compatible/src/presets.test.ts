/**
 * Every preset, pointed at a local OpenAI-format upstream with a custom host, forwards to the right
 * path with the right auth header. The presets' default base URLs are checked against their docs' form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIMockHandler, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { openAICompatibleProviders } from './index.js';
import { openAICompatiblePresets } from './presets.js';

let upstream: MockUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await startMockUpstream(openAIMockHandler());
  gateway = await startTestGateway({ providers: openAICompatibleProviders });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

const requiredPresets = ['groq', 'together-ai', 'mistral-ai', 'deepseek', 'fireworks-ai', 'perplexity-ai', 'openrouter', 'ollama', 'x-ai', 'deepinfra', 'novita-ai', 'anyscale', 'nomic', 'ai21'];

describe('OpenAI-compatible presets', () => {
  it('include every vendor the gateway promises', () => {
    const ids = openAICompatiblePresets.map((preset) => preset.id);
    for (const id of requiredPresets) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(openAICompatiblePresets.map((preset) => [preset.id, preset] as const))('%s has an absolute https base URL (or a local one) without a trailing slash', (_, preset) => {
    const url = new URL(preset.baseUrl);
    expect(url.protocol === 'https:' || ['localhost', '127.0.0.1'].includes(url.hostname)).toBe(true);
    expect(preset.baseUrl.endsWith('/')).toBe(false);
  });

  const chatPresets = openAICompatiblePresets.filter((preset) => preset.endpoints.includes('chatComplete'));
  it.each(chatPresets.map((preset) => [preset.id] as const))('%s forwards chat completions to <custom host>/chat/completions with a Bearer key', async (id) => {
    const response = await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer key-for-${id}`, 'x-portkey-provider': id, 'x-portkey-custom-host': `${upstream.origin}/custom/v1` },
      body: JSON.stringify({ model: 'some-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).choices[0].message.role).toBe('assistant');
    const received = upstream.requests[upstream.requests.length - 1];
    expect(received.url).toBe('/custom/v1/chat/completions');
    expect(received.headers.authorization).toBe(`Bearer key-for-${id}`);
  });

  it('sends no Authorization header to a keyless local server', async () => {
    await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-provider': 'ollama', 'x-portkey-custom-host': `${upstream.origin}/v1` },
      body: JSON.stringify({ model: 'llama3', messages: [] }),
    });
    expect(upstream.requests[upstream.requests.length - 1].headers.authorization).toBeUndefined();
  });

  it('translates nomic embeddings, answering base64 when asked', async () => {
    upstream.setHandler((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ embeddings: request.json.texts.map(() => [0.5, -2]), usage: { total_tokens: 7 } }));
    });
    try {
      const response = await fetch(`${gateway.origin}/v1/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer nk-1', 'x-portkey-provider': 'nomic', 'x-portkey-custom-host': `${upstream.origin}/v1` },
        body: JSON.stringify({ model: 'nomic-embed-text-v1.5', input: ['a', 'b'], encoding_format: 'base64' }),
      });
      const body = await response.json();
      const received = upstream.requests[upstream.requests.length - 1];
      expect(received.url).toBe('/v1/embedding/text');
      expect(received.json).toEqual({ model: 'nomic-embed-text-v1.5', texts: ['a', 'b'], task_type: 'search_document' });
      expect(body.data).toHaveLength(2);
      expect(Array.from(new Float32Array(new Uint8Array(Buffer.from(body.data[0].embedding, 'base64')).buffer))).toEqual([0.5, -2]);
      expect(body.usage).toEqual({ prompt_tokens: 7, total_tokens: 7 });
    } finally {
      upstream.setHandler(openAIMockHandler());
    }
  });
});
