/**
 * The response cache (in memory, the default) through the real Node gateway, driven by the
 * official openai SDK against a mock upstream on 127.0.0.1 that counts what reaches it.
 */
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatChunkEvents, chatCompletion, openAIMockHandler, sendEvents, sendJson, startMockUpstream, type MockHandler, type MockUpstream } from '@ai-gateway/testing';
import type { CacheStore } from '@ai-gateway/core';
import type { RunningGateway } from '../src/index.js';
import { failing, recordingLogger, sequence, slowStream, startTestGateway } from './strategy/fixtures.js';

let upstream: MockUpstream;
let gateway: RunningGateway;

/** Every answer says which upstream call made it: `answer 1`, `answer 2`, ... */
function numberedAnswers(): MockHandler {
  let calls = 0;
  return (request, response) => {
    calls += 1;
    if (request.json?.stream) return sendEvents(response, chatChunkEvents(request.json.model, [`answer `, `${calls}`]));
    sendJson(response, 200, chatCompletion(request.json?.model ?? 'm', `answer ${calls}`));
  };
}

beforeAll(async () => {
  upstream = await startMockUpstream(numberedAnswers());
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
  upstream.setHandler(numberedAnswers());
});

function cacheConfig(cache: Record<string, unknown> = { mode: 'simple' }) {
  return { cache, provider: 'openai', custom_host: `${upstream.origin}/v1` };
}

function clientFor(options: { config?: unknown; apiKey?: string; headers?: Record<string, string>; target?: RunningGateway } = {}) {
  const config = options.config === undefined ? cacheConfig() : options.config;
  return new OpenAI({
    apiKey: options.apiKey ?? 'sk-cache-test',
    baseURL: `${(options.target ?? gateway).url}/v1`,
    maxRetries: 0,
    defaultHeaders: { ...(config ? { 'x-portkey-config': JSON.stringify(config) } : {}), ...options.headers },
  });
}

/** A prompt no other test sends, so entries never leak between tests sharing the gateway. */
let prompts = 0;
function chatBody(text = `question ${++prompts} of ${process.pid}`) {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: text }] };
}

const cacheStatus = (response: Response) => response.headers.get('x-portkey-cache-status');

describe('simple cache in memory', () => {
  it('answers a repeated chat completion from the cache, without calling the upstream', async () => {
    const client = clientFor();
    const body = chatBody();
    const first = await client.chat.completions.create(body).withResponse();
    expect(cacheStatus(first.response)).toBe('MISS');
    expect(upstream.requests).toHaveLength(1);

    const second = await client.chat.completions.create(body).withResponse();
    expect(cacheStatus(second.response)).toBe('HIT');
    expect(second.response.headers.get('x-portkey-trace-id')).toBeTruthy();
    expect(second.response.headers.get('content-type')).toBe('application/json');
    expect(second.data).toEqual(first.data);
    expect(second.data.choices[0].message.content).toBe('answer 1');
    expect(upstream.requests).toHaveLength(1);
  });

  it('misses for a different body, a different API key and a different namespace', async () => {
    const body = chatBody();
    await clientFor().chat.completions.create(body);
    await clientFor().chat.completions.create({ ...body, temperature: 0.5 });
    await clientFor({ apiKey: 'sk-someone-else' }).chat.completions.create(body);
    const namespaced = clientFor({ headers: { 'x-portkey-cache-namespace': 'user-1' } });
    const inNamespace = await namespaced.chat.completions.create(body).withResponse();
    expect(cacheStatus(inNamespace.response)).toBe('MISS');
    expect(upstream.requests).toHaveLength(4);

    // Each of them is now cached in its own entry.
    const again = await namespaced.chat.completions.create(body).withResponse();
    expect(cacheStatus(again.response)).toBe('HIT');
    expect(again.data.choices[0].message.content).toBe('answer 4');
    const otherKey = await clientFor({ apiKey: 'sk-someone-else' }).chat.completions.create(body);
    expect(otherKey.choices[0].message.content).toBe('answer 3');
    expect(upstream.requests).toHaveLength(4);
  });

  it('x-portkey-cache-force-refresh goes to the upstream and replaces the entry', async () => {
    const body = chatBody();
    expect((await clientFor().chat.completions.create(body)).choices[0].message.content).toBe('answer 1');
    const refreshed = await clientFor({ headers: { 'x-portkey-cache-force-refresh': 'true' } }).chat.completions.create(body).withResponse();
    expect(cacheStatus(refreshed.response)).toBe('REFRESH');
    expect(refreshed.data.choices[0].message.content).toBe('answer 2');
    expect(upstream.requests).toHaveLength(2);

    const next = await clientFor().chat.completions.create(body).withResponse();
    expect(cacheStatus(next.response)).toBe('HIT');
    expect(next.data.choices[0].message.content).toBe('answer 2');
    expect(upstream.requests).toHaveLength(2);
  });

  it('forgets an answer after max_age seconds', async () => {
    const client = clientFor({ config: cacheConfig({ mode: 'simple', max_age: 1 }) });
    const body = chatBody();
    await client.chat.completions.create(body);
    expect(cacheStatus((await client.chat.completions.create(body).withResponse()).response)).toBe('HIT');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expired = await client.chat.completions.create(body).withResponse();
    expect(cacheStatus(expired.response)).toBe('MISS');
    expect(expired.data.choices[0].message.content).toBe('answer 2');
    expect(upstream.requests).toHaveLength(2);
  });

  it('never caches errors', async () => {
    upstream.setHandler(sequence(failing(500), failing(400), numberedAnswers()));
    const client = clientFor();
    const body = chatBody();
    for (const status of [500, 400]) {
      const error = await client.chat.completions.create(body).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(status);
      expect((error as APIError).headers?.get('x-portkey-cache-status')).toBe('MISS');
    }
    const success = await client.chat.completions.create(body).withResponse();
    expect(cacheStatus(success.response)).toBe('MISS');
    expect(cacheStatus((await client.chat.completions.create(body).withResponse()).response)).toBe('HIT');
    expect(upstream.requests).toHaveLength(3);
  });

  it('caches a stream that ended cleanly and replays it as server-sent events', async () => {
    const client = clientFor();
    const body = { ...chatBody(), stream: true as const };
    const read = async () => {
      const { data, response } = await client.chat.completions.create(body).withResponse();
      let text = '';
      for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
      return { text, response };
    };
    const first = await read();
    expect(first.text).toBe('answer 1');
    expect(cacheStatus(first.response)).toBe('MISS');
    const second = await read();
    expect(second.text).toBe('answer 1');
    expect(cacheStatus(second.response)).toBe('HIT');
    expect(second.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(upstream.requests).toHaveLength(1);

    // The streamed and the plain request are different questions.
    const plain = await client.chat.completions.create(chatBody(body.messages[0].content as string)).withResponse();
    expect(cacheStatus(plain.response)).toBe('MISS');
  });

  it('does not cache a stream that broke off', async () => {
    upstream.setHandler(slowStream({ count: 6, intervalMs: 5, destroyAfter: 3 }));
    const client = clientFor();
    const body = { ...chatBody(), stream: true as const };
    const broken = await (async () => {
      for await (const _chunk of await client.chat.completions.create(body));
    })().catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(Error);

    upstream.setHandler(numberedAnswers());
    const retried = await client.chat.completions.create(body).withResponse();
    for await (const _chunk of retried.data);
    expect(cacheStatus(retried.response)).toBe('MISS');
    expect(upstream.requests).toHaveLength(2);
  });
});

describe('what the cache covers', () => {
  beforeEach(() => upstream.setHandler(openAIMockHandler()));

  it('caches completions, embeddings and image generations', async () => {
    const client = clientFor();
    const prompt = `complete ${++prompts}`;
    await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt });
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt }).withResponse();
    expect(cacheStatus(completion.response)).toBe('HIT');
    expect(completion.data.choices[0].text).toBe(' completed text');

    const input = [`embed ${++prompts}`, 'two'];
    const embedded = await client.embeddings.create({ model: 'text-embedding-3-small', input });
    const embeddedAgain = await client.embeddings.create({ model: 'text-embedding-3-small', input }).withResponse();
    expect(cacheStatus(embeddedAgain.response)).toBe('HIT');
    expect(embeddedAgain.data.data).toEqual(embedded.data);

    const imagePrompt = `a lighthouse, take ${++prompts}`;
    await client.images.generate({ model: 'dall-e-3', prompt: imagePrompt });
    const image = await client.images.generate({ model: 'dall-e-3', prompt: imagePrompt }).withResponse();
    expect(cacheStatus(image.response)).toBe('HIT');
    expect(image.data.data?.[0].revised_prompt).toBe(imagePrompt);
    expect(upstream.requests).toHaveLength(3);
  });

  it('semantic mode matches exactly, and leaves image generations alone', async () => {
    const client = clientFor({ config: cacheConfig({ mode: 'semantic' }) });
    const body = chatBody('What is the capital of France?');
    await client.chat.completions.create(body);
    expect(cacheStatus((await client.chat.completions.create(body).withResponse()).response)).toBe('HIT');
    const reworded = await client.chat.completions.create(chatBody('Which city is the capital of France?')).withResponse();
    expect(cacheStatus(reworded.response)).toBe('MISS');

    const imagePrompt = `semantic lighthouse ${++prompts}`;
    await client.images.generate({ model: 'dall-e-3', prompt: imagePrompt });
    const image = await client.images.generate({ model: 'dall-e-3', prompt: imagePrompt }).withResponse();
    expect(cacheStatus(image.response)).toBe('DISABLED');
    expect(upstream.requests).toHaveLength(4);
  });

  it('passes other endpoints through, and requests without a cache config always reach the upstream', async () => {
    const speech = await clientFor().audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello' });
    await clientFor().audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello' });
    expect(cacheStatus(speech)).toBe('DISABLED');

    const uncached = clientFor({ config: null, headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` } });
    const body = chatBody();
    await uncached.chat.completions.create(body);
    const second = await uncached.chat.completions.create(body).withResponse();
    expect(cacheStatus(second.response)).toBe('DISABLED');
    expect(upstream.requests).toHaveLength(4);
  });
});

describe('a cache store that fails', () => {
  it('never holds a request up: the write is not waited for', async () => {
    const hangingStore: CacheStore = { name: 'hanging', get: async () => undefined, set: () => new Promise(() => {}) };
    const hanging = await startTestGateway({ cacheStore: hangingStore });
    try {
      const answer = await clientFor({ target: hanging }).chat.completions.create(chatBody()).withResponse();
      expect(cacheStatus(answer.response)).toBe('MISS');
      expect(answer.data.choices[0].message.content).toBe('answer 1');
    } finally {
      await hanging.close();
    }
  });

  it('never fails a request: it goes to the upstream, and the operator is told once', async () => {
    const logger = recordingLogger();
    const brokenStore: CacheStore = {
      name: 'broken',
      get: () => Promise.reject(new Error('store is down')),
      set: () => Promise.reject(new Error('store is down')),
    };
    const broken = await startTestGateway({ cacheStore: brokenStore, logger });
    try {
      const client = clientFor({ target: broken });
      const body = chatBody();
      for (let request = 1; request <= 3; request += 1) {
        expect((await client.chat.completions.create(body)).choices[0].message.content).toBe(`answer ${request}`);
      }
      const warnings = logger.lines.filter((line) => line.level === 'warn' && line.message.includes('[cache] [broken]'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0].fields?.error).toBe('store is down');
    } finally {
      await broken.close();
    }
  });
});
