/** Vertex specifics beyond the conformance suites: embeddings, model routing, base URLs, Google errors. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { fixtureJson, replayJson } from './__fixtures__/fixtures.js';
import { vertexBaseUrl, vertexModel } from './vertex-model.js';
import { createVertexAIProvider } from './vertex-provider.js';

let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const last = () => upstream.requests[upstream.requests.length - 1];
const location = '/v1/projects/my-project/locations/us-central1';

beforeAll(async () => {
  upstream = await startMockUpstream((_, response) => replayJson(response, 'vertex-embeddings.json'));
  gateway = await startTestGateway({ providers: [createVertexAIProvider()] });
  client = new OpenAI({
    apiKey: 'ya29.token',
    baseURL: `${gateway.origin}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-provider': 'vertex-ai', 'x-portkey-custom-host': `${upstream.origin}/v1`, 'x-portkey-vertex-project-id': 'my-project', 'x-portkey-vertex-region': 'us-central1' },
  });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('vertex-ai embeddings', () => {
  const vectors = fixtureJson('vertex-embeddings.json').predictions.map((prediction: any) => prediction.embeddings.values);

  it('sends :predict instances and answers floats with the summed token counts', async () => {
    upstream.setHandler((_, response) => replayJson(response, 'vertex-embeddings.json'));
    const response = await client.embeddings.create({ model: 'text-embedding-005', input: ['a', 'b'], dimensions: 3, encoding_format: 'float' });
    expect(last().url).toBe(`${location}/publishers/google/models/text-embedding-005:predict`);
    expect(last().json).toEqual({ instances: [{ content: 'a' }, { content: 'b' }], parameters: { outputDimensionality: 3 } });
    expect(response.data.map((item) => item.embedding)).toEqual(vectors);
    expect(response.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
  });

  it('answers base64, the openai SDK default, which decodes to the same floats', async () => {
    const response = await client.embeddings.create({ model: 'text-embedding-005', input: ['a', 'b'] });
    expect(response.data.map((item) => item.embedding)).toEqual(vectors);
  });
});

describe('vertex-ai routing and errors', () => {
  it('routes publisher-prefixed Claude models to rawPredict without the prefix, betas in the body', async () => {
    upstream.setHandler((_, response) => replayJson(response, 'vertex-claude-text.json'));
    const completion = await client.chat.completions.create(
      { model: 'anthropic.claude-sonnet-4-5@20250929', messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'x-portkey-anthropic-beta': 'context-1m-2025-08-07, token-efficient-tools-2025-02-19' } },
    );
    expect(last().url).toBe(`${location}/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict`);
    expect(last().json).toMatchObject({ anthropic_version: 'vertex-2023-10-16', anthropic_beta: ['context-1m-2025-08-07', 'token-efficient-tools-2025-02-19'] });
    expect(last().headers['anthropic-beta']).toBeUndefined();
    expect(completion.choices[0].message.content).toBe('Hello from the mock upstream');
  });

  it('keeps a Google error\'s status, message and status name', async () => {
    upstream.setHandler((_, response) => sendJson(response, 403, { error: { code: 403, message: 'Permission denied on resource project my-project.', status: 'PERMISSION_DENIED' } }));
    const error = await client.chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] }).catch((failure: unknown) => failure) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error.message).toContain('Permission denied on resource project');
    expect(error.code).toBe('PERMISSION_DENIED');
  });

  it('builds regional and global base URLs', () => {
    const target = (region: string) => ({ provider: 'vertex-ai', settings: { vertex_region: region } });
    expect(vertexBaseUrl(target('europe-west4'))).toBe('https://europe-west4-aiplatform.googleapis.com/v1');
    expect(vertexBaseUrl(target('global'))).toBe('https://aiplatform.googleapis.com/v1');
  });

  it.each([
    ['x-portkey-vertex-project-id', '..'],
    ['x-portkey-vertex-project-id', '.'],
    ['x-portkey-vertex-project-id', 'example.com:..'],
    ['x-portkey-vertex-project-id', 'My-Project'],
    ['x-portkey-vertex-region', 'us-central1-evil'],
    ['x-portkey-vertex-region', '-'],
    ['x-portkey-vertex-region', 'global-'],
  ])('answers 400 for %s: %j, naming the header and config field, calling nothing', async (header, value) => {
    const before = upstream.requests.length;
    const error = await client.chat.completions.create({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] }, { headers: { [header]: value } })
      .catch((failure: unknown) => failure) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain(header);
    expect(error.message).toContain(`\`${header.slice('x-portkey-'.length).replaceAll('-', '_')}\``);
    expect(upstream.requests.length).toBe(before);
  });

  it('accepts project ids with a legacy domain, in one path segment', async () => {
    upstream.setHandler((_, response) => replayJson(response, 'vertex-embeddings.json'));
    await client.embeddings.create({ model: 'text-embedding-005', input: ['a'] }, { headers: { 'x-portkey-vertex-project-id': 'example.com:my-project' } });
    expect(last().url).toBe('/v1/projects/example.com%3Amy-project/locations/us-central1/publishers/google/models/text-embedding-005:predict');
  });

  it.each(['us-east5', 'europe-west12', 'northamerica-northeast1', 'me-central2', 'asia-southeast1', 'africa-south1'])('builds the base URL of region %s', (region) => {
    expect(vertexBaseUrl({ provider: 'vertex-ai', settings: { vertex_region: region } })).toBe(`https://${region}-aiplatform.googleapis.com/v1`);
  });

  it('tells Gemini and Claude models apart', () => {
    expect(vertexModel('gemini-2.5-flash')).toEqual({ publisher: 'google', id: 'gemini-2.5-flash' });
    expect(vertexModel('google.gemini-2.5-flash')).toEqual({ publisher: 'google', id: 'gemini-2.5-flash' });
    expect(vertexModel('claude-opus-4-1@20250805')).toEqual({ publisher: 'anthropic', id: 'claude-opus-4-1@20250805' });
  });
});
