/**
 * Stored responses on a translated target: the openai SDK against the gateway and a mock Anthropic
 * upstream. A response is kept after its answer (JSON or stream), `previous_response_id` replays
 * its conversation upstream, and retrieve / delete / input_items read it, for the key that made it only.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { anthropicProvider } from './anthropic-provider.js';
import { fixtureEvents, replayEvents, replayJson } from './__fixtures__/replay-fixture.js';

const model = 'claude-sonnet-4-5-20250929';
let upstream: MockUpstream;
let gateway: TestGateway;

const clientWith = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` } });
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
const streamedText = fixtureEvents('anthropic-text').filter((event) => event.delta?.type === 'text_delta').map((event) => event.delta.text).join('');

beforeAll(async () => {
  upstream = await startMockUpstream(replayJson('anthropic-text'));
  gateway = await startTestGateway({ providers: [anthropicProvider] });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => upstream.setHandler((request, response) => (request.json.stream ? replayEvents('anthropic-text') : replayJson('anthropic-text'))(request, response)));

describe('stored responses on an anthropic target', () => {
  it('stores a JSON answer and continues it with previous_response_id, replaying the conversation upstream', async () => {
    const client = clientWith('sk-ant-alice');
    const first = await client.responses.create({ model, instructions: 'Be brief.', input: 'My name is Ada.' });
    expect(first).toMatchObject({ store: true });

    const second = await client.responses.create({ model, previous_response_id: first.id, input: 'What is my name?' });
    expect(second).toMatchObject({ store: true });
    expect(second.previous_response_id).toBe(first.id);
    expect(upstream.requests.at(-1)!.json.messages).toEqual([
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: 'Hello from the mock upstream' },
      { role: 'user', content: 'What is my name?' },
    ]);

    // A third turn replays both earlier ones.
    await client.responses.create({ model, previous_response_id: second.id, input: 'And again?' });
    expect(upstream.requests.at(-1)!.json.messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('stores the response assembled from a stream and continues it in a stream', async () => {
    const client = clientWith('sk-ant-alice');
    const stream = client.responses.stream({ model, input: 'Tell me a story.' });
    const streamed = await stream.finalResponse();
    expect(streamed).toMatchObject({ store: true });
    expect(streamed.output_text).toBe(streamedText);

    const stored = await client.responses.retrieve(streamed.id);
    expect(stored.output_text).toBe(streamedText);
    expect(stored.status).toBe('completed');

    const next = await client.responses.stream({ model, previous_response_id: streamed.id, input: 'Go on.' }).finalResponse();
    expect(next.previous_response_id).toBe(streamed.id);
    expect(upstream.requests.at(-1)!.json).toMatchObject({
      stream: true,
      messages: [{ role: 'user', content: 'Tell me a story.' }, { role: 'assistant', content: streamedText }, { role: 'user', content: 'Go on.' }],
    });
  });

  it('retrieves, lists the input items of, and deletes a stored response', async () => {
    const client = clientWith('sk-ant-alice');
    const created = await client.responses.create({ model, input: [{ role: 'user', content: 'One' }, { role: 'user', content: 'Two' }], metadata: { team: 'a' } });

    const retrieved = await client.responses.retrieve(created.id);
    expect(retrieved).toEqual(created);

    const items = await client.responses.inputItems.list(created.id);
    expect(items.data.map((item) => (item as OpenAI.Responses.ResponseInputMessageItem).content)).toEqual(['Two', 'One']);
    expect(items.data.every((item) => typeof item.id === 'string')).toBe(true);
    const ascending = await client.responses.inputItems.list(created.id, { order: 'asc', limit: 1 });
    expect(ascending.data.map((item) => (item as OpenAI.Responses.ResponseInputMessageItem).content)).toEqual(['One']);
    expect(ascending.has_more).toBe(true);

    const deleted = await client.responses.delete(created.id);
    expect(deleted).toEqual({ id: created.id, object: 'response', deleted: true });
    const afterDelete = await failureOf(client.responses.retrieve(created.id));
    expect(afterDelete?.status).toBe(404);
  });

  it('answers an unknown id with a 404 in OpenAI\'s error shape and never calls the provider', async () => {
    const client = clientWith('sk-ant-alice');
    const before = upstream.requests.length;
    const failures = await Promise.all([
      failureOf(client.responses.retrieve('resp_unknown')),
      failureOf(client.responses.delete('resp_unknown')),
      failureOf(client.responses.inputItems.list('resp_unknown')),
      failureOf(client.responses.create({ model, previous_response_id: 'resp_unknown', input: 'Hi' })),
    ]);
    expect(failures.map((failure) => failure?.status)).toEqual([404, 404, 404, 404]);
    expect(failures[0]).toBeInstanceOf(OpenAI.NotFoundError);
    expect(failures[0]?.error).toMatchObject({ message: "Response with id 'resp_unknown' not found.", type: 'invalid_request_error', code: 'not_found' });
    expect(failures[3]?.error).toMatchObject({ code: 'previous_response_not_found', param: 'previous_response_id' });
    expect(upstream.requests.length).toBe(before);
  });

  it('hides a response from another key: the same 404 as an unknown id', async () => {
    const alice = clientWith('sk-ant-alice');
    const mallory = clientWith('sk-ant-mallory');
    const created = await alice.responses.create({ model, input: 'A secret.' });
    const before = upstream.requests.length;
    const failures = await Promise.all([
      failureOf(mallory.responses.retrieve(created.id)),
      failureOf(mallory.responses.inputItems.list(created.id)),
      failureOf(mallory.responses.delete(created.id)),
      failureOf(mallory.responses.create({ model, previous_response_id: created.id, input: 'Tell me.' })),
    ]);
    expect(failures.map((failure) => failure?.status)).toEqual([404, 404, 404, 404]);
    expect(failures[0]?.message).toContain(`Response with id '${created.id}' not found.`);
    expect(upstream.requests.length).toBe(before);
    // Still there for its owner.
    expect((await alice.responses.retrieve(created.id)).id).toBe(created.id);
  });

  it('belongs to the keys of the config when the client sends none in a header', async () => {
    const configClient = (configKey: string) => new OpenAI({
      apiKey: 'unused', baseURL: `${gateway.origin}/v1`, maxRetries: 0,
      defaultHeaders: { authorization: null, 'x-portkey-config': JSON.stringify({ provider: 'anthropic', api_key: configKey, custom_host: `${upstream.origin}/v1` }) },
    });
    const created = await configClient('sk-ant-config-a').responses.create({ model, input: 'Hi' });
    expect(upstream.requests.at(-1)!.headers['x-api-key']).toBe('sk-ant-config-a');
    expect(upstream.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect((await configClient('sk-ant-config-a').responses.retrieve(created.id)).id).toBe(created.id);
    expect((await failureOf(configClient('sk-ant-config-b').responses.retrieve(created.id)))?.status).toBe(404);
    expect((await failureOf(clientWith('sk-ant-alice').responses.retrieve(created.id)))?.status).toBe(404);
  });

  it('keeps nothing with store: false', async () => {
    const client = clientWith('sk-ant-alice');
    const created = await client.responses.create({ model, input: 'Hi', store: false });
    expect(created).toMatchObject({ store: false });
    expect((await failureOf(client.responses.retrieve(created.id)))?.status).toBe(404);
  });

  it('keeps nothing on a gateway started with responseStore: false', async () => {
    const stateless = await startTestGateway({ providers: [anthropicProvider], responseStore: false });
    try {
      const client = new OpenAI({ apiKey: 'sk-ant-alice', baseURL: `${stateless.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` } });
      const created = await client.responses.create({ model, input: 'Hi' });
      expect(created).toMatchObject({ store: false });
      expect((await failureOf(client.responses.create({ model, previous_response_id: created.id, input: 'Again' })))?.status).toBe(404);
    } finally {
      await stateless.close();
    }
  });
});
