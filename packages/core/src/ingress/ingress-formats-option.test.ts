/**
 * Client formats plug into a gateway as providers do: a gateway serves the formats it is given,
 * each on its own route, and no other. A toy format (`{prompt}` in, `{text}` out) stands for the
 * next one to be written.
 */
import { describe, expect, it } from 'vitest';
import { createGateway } from '../app/create-gateway.js';
import { silentLogger } from '../logger.js';
import type { ProviderV1 } from '@ai-gateway/spec';
import type { UpstreamFetch } from '@ai-gateway/spec';
import { encodeSSEData, withFields } from '@ai-gateway/provider-utils';
import type { IngressFormatV1 } from '@ai-gateway/spec';

const promptFormat: IngressFormatV1 = {
  specificationVersion: 'v1',
  endpoint: 'messages',
  path: '/prompt',
  toChatRequest: (body) => ({ model: body.model, messages: [{ role: 'user', content: body.prompt }] }),
  fromChatResponse: (response) => ({ text: response.choices[0].message.content }),
  fromChatStream: () => new TransformStream(),
  errorBody: (error) => ({ failure: error.message }),
  encodeStreamError: (error) => encodeSSEData({ failure: error.message }),
};

const openai: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'openai',
  baseUrl: () => 'http://upstream.test/v1',
  headers: () => ({}),
  endpoints: { chatComplete: { path: '/chat/completions' }, proxy: { path: (call) => call.path } },
};

/** Answers every chat call with the last user message, upper-cased; records what it was sent. */
function echoUpstream(sent: unknown[]): UpstreamFetch {
  return async (_url, init) => {
    const body = JSON.parse(String(init.body));
    sent.push(body);
    const content = String(body.messages.at(-1).content).toUpperCase();
    return new Response(JSON.stringify({ id: 'c1', object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }), {
      headers: { 'content-type': 'application/json' },
    });
  };
}

function post(app: ReturnType<typeof createGateway>, path: string, body: unknown) {
  return app.fetch(new Request(`http://gateway${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-provider': 'openai', authorization: 'Bearer sk-test' },
    body: JSON.stringify(body),
  }));
}

describe('GatewayOptions.ingressFormats', () => {
  it('serves a given format on its route, translated to chat and back', async () => {
    const sent: unknown[] = [];
    const app = createGateway({ providers: [openai], ingressFormats: [promptFormat], fetch: echoUpstream(sent), logger: silentLogger });
    const response = await post(app, '/v1/prompt', { model: 'm', prompt: 'hello' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: 'HELLO' });
    expect(sent).toEqual([{ model: 'm', messages: [{ role: 'user', content: 'hello' }] }]);
  });

  it("answers errors on a format's route in that format's shape", async () => {
    const app = createGateway({ providers: [openai], ingressFormats: [promptFormat], fetch: echoUpstream([]), logger: silentLogger });
    const response = await app.fetch(new Request('http://gateway/v1/prompt', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt": "hi"}' }));
    expect(response.status).toBe(400);
    expect((await response.json()).failure).toMatch(/provider/);
  });

  it('serves no format it was not given: the route is a plain passthrough', async () => {
    const sent: unknown[] = [];
    const passthrough: UpstreamFetch = async (url, init) => {
      // A passthrough sends the client's own bytes.
      sent.push({ url, body: JSON.parse(new TextDecoder().decode(init.body as Uint8Array)) });
      return new Response('{"passed":true}', { headers: { 'content-type': 'application/json' } });
    };
    const app = createGateway({ providers: [openai], fetch: passthrough, logger: silentLogger });
    const response = await post(app, '/v1/prompt', { model: 'm', prompt: 'hello' });
    expect(await response.json()).toEqual({ passed: true });
    expect(sent).toEqual([{ url: 'http://upstream.test/v1/prompt', body: { model: 'm', prompt: 'hello' } }]);
  });
});

describe('GatewayOptions.estimateTokens', () => {
  const countFormat: IngressFormatV1 = withFields(promptFormat, {
    countTokens: { path: '/prompt/count', textOf: (body: Record<string, unknown>) => String(body.prompt), answer: (tokens: number) => ({ tokens }) },
  });

  it("counts a format's tokens with the runtime's tokenizer for a provider that has no counting API, without calling it", async () => {
    const sent: unknown[] = [];
    const app = createGateway({ providers: [openai], ingressFormats: [countFormat], fetch: echoUpstream(sent), logger: silentLogger, estimateTokens: (text) => text.split(' ').length });
    const response = await post(app, '/v1/prompt/count', { model: 'm', prompt: 'one two three' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ai-gateway-token-count')).toBe('estimate');
    expect(await response.json()).toEqual({ tokens: 3 });
    expect(sent).toEqual([]);
  });

  it('counts four characters to a token without one', async () => {
    const app = createGateway({ providers: [openai], ingressFormats: [countFormat], fetch: echoUpstream([]), logger: silentLogger });
    expect(await (await post(app, '/v1/prompt/count', { model: 'm', prompt: 'x'.repeat(9) })).json()).toEqual({ tokens: 3 });
  });
});
