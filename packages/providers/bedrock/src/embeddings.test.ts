import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { bedrockProvider } from './bedrock-provider.js';
import { answerJson, signatureProblem, testCredentials } from './test/bedrock-mock.js';

let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const last = () => upstream.requests[upstream.requests.length - 1];
const floatsOf = (base64: string) => [...new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer)];

beforeAll(async () => {
  upstream = await startMockUpstream(answerJson('titan-embed.json'));
  gateway = await startTestGateway({ providers: [bedrockProvider] });
  client = new OpenAI({
    apiKey: 'unused',
    baseURL: `${gateway.origin}/v1`,
    maxRetries: 0,
    defaultHeaders: {
      'x-portkey-provider': 'bedrock', 'x-portkey-custom-host': upstream.origin, 'x-portkey-aws-region': testCredentials.region,
      'x-portkey-aws-access-key-id': testCredentials.accessKeyId, 'x-portkey-aws-secret-access-key': testCredentials.secretAccessKey,
    },
  });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

describe('embeddings', () => {
  it('calls Titan with inputText and dimensions and answers floats', async () => {
    upstream.setHandler(answerJson('titan-embed.json'));
    const response = await client.embeddings.create({ model: 'amazon.titan-embed-text-v2:0', input: 'hello', dimensions: 256, encoding_format: 'float' });
    expect(last().url).toBe('/model/amazon.titan-embed-text-v2%3A0/invoke');
    expect(signatureProblem(last())).toBeUndefined();
    expect(last().json).toEqual({ inputText: 'hello', dimensions: 256 });
    expect(response.data[0].embedding).toEqual([0.25, -0.5, 1]);
    expect(response.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
  });

  it('answers base64 when the openai SDK asks by default', async () => {
    upstream.setHandler(answerJson('titan-embed.json'));
    const raw = await client.embeddings.create({ model: 'amazon.titan-embed-text-v2:0', input: 'hello', encoding_format: 'base64' });
    expect(floatsOf(raw.data[0].embedding as unknown as string)).toEqual([0.25, -0.5, 1]);
    const decoded = await client.embeddings.create({ model: 'amazon.titan-embed-text-v2:0', input: 'hello' });
    expect(decoded.data[0].embedding).toEqual([0.25, -0.5, 1]);
  });

  it('refuses several inputs for Titan, which embeds one text per call', async () => {
    const failure = await client.embeddings.create({ model: 'amazon.titan-embed-text-v2:0', input: ['a', 'b'] }).catch((error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
    expect(failure).toMatchObject({ status: 400, param: 'input' });
  });

  it('calls Cohere with texts and input_type, token count from the header, floats and base64', async () => {
    upstream.setHandler(answerJson('cohere-embed.json', { 'x-amzn-bedrock-input-token-count': '6' }));
    const response = await client.embeddings.create({ model: 'cohere.embed-english-v3', input: ['first text', 'second text'], encoding_format: 'float' });
    expect(last().json).toEqual({ texts: ['first text', 'second text'], input_type: 'search_document' });
    expect(response.data.map((item) => item.embedding)).toEqual([[0.25, -0.5, 1], [0.125, 0.75, -1]]);
    expect(response.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
    const raw = await client.embeddings.create({ model: 'cohere.embed-english-v3', input: ['first text', 'second text'], encoding_format: 'base64' });
    expect(floatsOf(raw.data[1].embedding as unknown as string)).toEqual([0.125, 0.75, -1]);
  });
});
