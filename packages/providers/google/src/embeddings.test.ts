/** Embeddings through the gateway with the openai SDK, which asks for base64 unless told otherwise. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { fixtureJson, replayJson } from './__fixtures__/fixtures.js';
import { googleProvider } from './google-provider.js';

let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const vectors = fixtureJson('gemini-embeddings.json').embeddings.map((embedding: { values: number[] }) => embedding.values);

beforeAll(async () => {
  upstream = await startMockUpstream((_, response) => replayJson(response, 'gemini-embeddings.json'));
  gateway = await startTestGateway({ providers: [googleProvider] });
  client = new OpenAI({ apiKey: 'gemini-key', baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'google', 'x-portkey-custom-host': `${upstream.origin}/v1beta` } });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('google embeddings', () => {
  it('sends batchEmbedContents and answers floats when asked', async () => {
    const response = await client.embeddings.create({ model: 'text-embedding-004', input: ['a', 'b'], dimensions: 3, encoding_format: 'float' });
    const received = upstream.requests[upstream.requests.length - 1];
    expect(received.url).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
    expect(received.headers['x-goog-api-key']).toBe('gemini-key');
    expect(received.json).toEqual({ requests: ['a', 'b'].map((text) => ({ model: 'models/text-embedding-004', content: { parts: [{ text }] }, outputDimensionality: 3 })) });
    expect(response.data.map((item) => item.embedding)).toEqual(vectors);
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    expect(response.model).toBe('text-embedding-004');
  });

  it('answers base64 (the SDK default), which the SDK decodes to the same floats', async () => {
    const response = await client.embeddings.create({ model: 'text-embedding-004', input: 'a' });
    const received = upstream.requests[upstream.requests.length - 1];
    expect(received.json.requests).toHaveLength(1);
    expect(response.data.map((item) => item.embedding)).toEqual(vectors);
  });

  it('rejects token arrays, which Gemini cannot embed', async () => {
    const failure = await client.embeddings.create({ model: 'text-embedding-004', input: [[1, 2, 3]] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
  });
});
