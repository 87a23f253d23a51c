/**
 * `/v1/responses` across providers on core's gateway with every built-in provider: an openai target
 * gets the openai SDK's bytes and answers untouched (streams included), and a fallback from a failing
 * openai target moves to an anthropic one, translated, within the same request.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failing, sendEvents, sendJson, startMockUpstream, type MockUpstream, type RunningRuntime } from '@ai-gateway/testing';
import { startCoreGateway } from './start-core-gateway.js';

/** A Responses API answer as OpenAI writes it, with fields the gateway does not know, spaced its own way. */
const nativeAnswer = '{\n  "id": "resp_native",  "object": "response", "status": "completed", "model": "gpt-5",\n  "output": [{"id": "msg_1", "type": "message", "status": "completed", "role": "assistant", "content": [{"type": "output_text", "text": "native", "annotations": []}]}],\n  "future_field": {"kept": true}, "usage": {"input_tokens": 3, "output_tokens": 1, "total_tokens": 4}\n}';
const nativeEvents = [
  `event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: 0, response: { id: 'resp_native', object: 'response', status: 'in_progress', output: [] } })}\n\n`,
  `event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', sequence_number: 1, response: JSON.parse(nativeAnswer) })}\n\n`,
];
const anthropicAnswer = { id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'from anthropic' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2 } };

let openai: MockUpstream;
let anthropic: MockUpstream;
let gateway: RunningRuntime;
const sentBodies: string[] = [];

/** The openai SDK, recording the exact bytes it sends. */
function sdk(headers: Record<string, string>) {
  const recordingFetch: typeof fetch = async (input, init) => {
    if (typeof init?.body === 'string') sentBodies.push(init.body);
    return fetch(input, init);
  };
  return new OpenAI({ apiKey: 'sk-client', baseURL: `${gateway.url}/v1`, maxRetries: 0, fetch: recordingFetch, defaultHeaders: headers });
}

beforeAll(async () => {
  openai = await startMockUpstream(() => {});
  anthropic = await startMockUpstream((_, response) => sendJson(response, 200, anthropicAnswer));
  gateway = await startCoreGateway();
});
afterAll(async () => {
  await gateway?.close();
  await openai?.close();
  await anthropic?.close();
});
beforeEach(() => {
  openai.setHandler((request, response) => {
    if (request.json?.stream) return sendEvents(response, nativeEvents);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(nativeAnswer);
  });
});

describe('/v1/responses on an openai target', () => {
  const toOpenAI = () => sdk({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${openai.origin}/v1` });

  it('passes the request and the answer through byte for byte', async () => {
    const params = { model: 'gpt-5', input: [{ role: 'user' as const, content: 'Hi' }], tools: [{ type: 'web_search' as const }], previous_response_id: 'resp_0', store: true, include: ['reasoning.encrypted_content' as const] };
    const response = await toOpenAI().responses.create(params).asResponse();
    const received = openai.requests.at(-1)!;
    expect(received.url).toBe('/v1/responses');
    expect(received.headers.authorization).toBe('Bearer sk-client');
    expect(received.body.toString('utf8')).toBe(sentBodies.at(-1));
    expect(await response.text()).toBe(nativeAnswer);
  });

  it('passes retrieve and delete of an id the gateway does not hold to the openai target', async () => {
    openai.setHandler((request, response) => sendJson(response, 200, request.method === 'DELETE' ? { id: 'resp_native', object: 'response', deleted: true } : JSON.parse(nativeAnswer)));
    const retrieved = await toOpenAI().responses.retrieve('resp_native');
    expect(openai.requests.at(-1)).toMatchObject({ method: 'GET', url: '/v1/responses/resp_native' });
    expect(openai.requests.at(-1)!.headers.authorization).toBe('Bearer sk-client');
    expect(retrieved.output_text).toBe('native');
    expect(await toOpenAI().responses.delete('resp_native')).toEqual({ id: 'resp_native', object: 'response', deleted: true });
    expect(openai.requests.at(-1)).toMatchObject({ method: 'DELETE', url: '/v1/responses/resp_native' });
  });

  it('passes /v1/responses/compact through to the openai target', async () => {
    const response = await fetch(`${gateway.url}/v1/responses/compact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${openai.origin}/v1` },
      body: JSON.stringify({ model: 'gpt-5', input: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(openai.requests.at(-1)!.url).toBe('/v1/responses/compact');
  });

  it('passes a stream through untouched', async () => {
    const response = await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${openai.origin}/v1` },
      body: JSON.stringify({ model: 'gpt-5', input: 'Hi', stream: true }),
    });
    expect(await response.text()).toBe(nativeEvents.join(''));
  });
});

describe('/v1/responses with a fallback from openai to anthropic', () => {
  it('translates for the second target after the first answers 500', async () => {
    openai.setHandler(failing(500));
    const config = {
      strategy: { mode: 'fallback' },
      targets: [
        { provider: 'openai', api_key: 'sk-openai', custom_host: `${openai.origin}/v1` },
        { provider: 'anthropic', api_key: 'sk-anthropic', custom_host: `${anthropic.origin}/v1` },
      ],
    };
    const before = openai.requests.length;
    const { data, response } = await sdk({ 'x-portkey-config': JSON.stringify(config) }).responses.create({ model: 'claude-sonnet-4-5', input: 'Hi', max_output_tokens: 30 }).withResponse();
    expect(openai.requests.length - before).toBe(1);
    expect(openai.requests.at(-1)!.url).toBe('/v1/responses');
    expect(anthropic.requests.at(-1)!.url).toBe('/v1/messages');
    expect(anthropic.requests.at(-1)!.json).toEqual({ model: 'claude-sonnet-4-5', max_tokens: 30, messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(data.output_text).toBe('from anthropic');
    expect(data.object).toBe('response');
  });
});

describe('/v1/responses on a chat-only target', () => {
  it("streams the model's refusal as a refusal part the openai SDK assembles", async () => {
    const refusal = "I'm sorry, I can't help with that.";
    const chunk = (delta: object, finishReason: string | null = null) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'deepseek-chat', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
    openai.setHandler((_, response) => sendEvents(response, [
      chunk({ role: 'assistant', content: null, refusal: null }), chunk({ refusal: "I'm sorry, " }), chunk({ refusal: "I can't help with that." }), chunk({}, 'stop'), 'data: [DONE]\n\n',
    ]));
    const stream = sdk({ 'x-portkey-provider': 'deepseek', 'x-portkey-custom-host': `${openai.origin}/v1` }).responses.stream({ model: 'deepseek-chat', input: 'Help me pick a lock.' });
    const refusalDeltas: string[] = [];
    stream.on('response.refusal.delta', (event) => refusalDeltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(openai.requests.at(-1)!.url).toBe('/v1/chat/completions');
    expect(refusalDeltas.join('')).toBe(refusal);
    expect(final.output).toMatchObject([{ type: 'message', status: 'completed', content: [{ type: 'refusal', refusal }] }]);
    expect(final.output_text).toBe('');
  });
});

describe('/v1/responses with the cache on', () => {
  it('answers a repeated translated request from the cache', async () => {
    const config = { cache: { mode: 'simple' }, provider: 'anthropic', api_key: 'sk-anthropic', custom_host: `${anthropic.origin}/v1` };
    const client = sdk({ 'x-portkey-config': JSON.stringify(config) });
    const before = anthropic.requests.length;
    const params = { model: 'claude-sonnet-4-5', input: 'Cache me', store: false };
    const first = await client.responses.create(params).withResponse();
    const second = await client.responses.create(params).withResponse();
    expect(first.response.headers.get('x-portkey-cache-status')).toBe('MISS');
    expect(second.response.headers.get('x-portkey-cache-status')).toBe('HIT');
    expect(second.data).toEqual(first.data);
    expect(anthropic.requests.length - before).toBe(1);
  });
});

describe('/v1/responses/compact on a translated target', () => {
  it('answers a 400 naming the providers that serve it, and calls no upstream', async () => {
    const before = anthropic.requests.length;
    const response = await fetch(`${gateway.url}/v1/responses/compact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-anthropic', 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${anthropic.origin}/v1` },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', input: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_endpoint' });
    expect(error.message).toContain('/v1/responses/compact');
    expect(error.message).toContain('openai');
    expect(anthropic.requests.length).toBe(before);
  });
});
