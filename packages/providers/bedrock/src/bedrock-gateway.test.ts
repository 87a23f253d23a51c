/**
 * Bedrock behaviour a client notices, over HTTP: the openai SDK -> the gateway -> a Bedrock
 * stand-in on 127.0.0.1 that checks signatures. Complements the shared conformance suite.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendJson, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { createBedrockProvider } from './bedrock-provider.js';
import { answerFrames, answerJson, fixtureJson, signatureProblem, signedOnly, testCredentials } from './test/bedrock-mock.js';

const model = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const awsHeaders = {
  'x-portkey-aws-access-key-id': testCredentials.accessKeyId,
  'x-portkey-aws-secret-access-key': testCredentials.secretAccessKey,
  'x-portkey-aws-region': testCredentials.region,
};

let upstream: MockUpstream;
let gateway: TestGateway;
const last = () => upstream.requests[upstream.requests.length - 1];

function client(headers: Record<string, string> = awsHeaders, apiKey = 'unused') {
  return new OpenAI({ apiKey, baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'bedrock', 'x-portkey-custom-host': upstream.origin, ...headers } });
}

beforeAll(async () => {
  upstream = await startMockUpstream(answerJson('converse-text.json'));
  gateway = await startTestGateway({ providers: [createBedrockProvider({ maxImageBytes: 64, imageFetch: (async () => new Response(new Uint8Array(65))) as unknown as typeof fetch })] });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});
beforeEach(() => upstream.setHandler(answerJson('converse-text.json')));

const hi: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);

describe('credentials and settings', () => {
  it('answers 400 naming the header when the region is missing', async () => {
    const { 'x-portkey-aws-region': _region, ...withoutRegion } = awsHeaders;
    const failure = await failureOf(client(withoutRegion).chat.completions.create({ model, messages: hi }));
    expect(failure?.status).toBe(400);
    expect(failure?.message).toContain('x-portkey-aws-region');
    expect(failure?.param).toBe('aws_region');
  });

  it('answers 400 when neither access keys nor an API key are given', async () => {
    // Raw fetch: the openai SDK itself refuses to send a request without a key.
    const response = await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-provider': 'bedrock', 'x-portkey-custom-host': upstream.origin, 'x-portkey-aws-region': 'us-east-1' },
      body: JSON.stringify({ model, messages: hi }),
    });
    expect(response.status).toBe(400);
    const failure = (await response.json()).error;
    expect(failure?.message).toContain('x-portkey-aws-access-key-id');
  });

  it('signs the session token of temporary credentials', async () => {
    await client({ ...awsHeaders, 'x-portkey-aws-session-token': 'FwoGZXIvYXdzEJr//session' }).chat.completions.create({ model, messages: hi });
    expect(last().headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEJr//session');
    expect(last().headers.authorization).toContain(';x-amz-security-token,');
    expect(signatureProblem(last())).toBeUndefined();
  });

  it('sends a Bedrock API key as a bearer token when no access keys are given', async () => {
    await client({ 'x-portkey-aws-region': 'us-east-1' }, 'bedrock-api-key-123').chat.completions.create({ model, messages: hi });
    expect(last().headers.authorization).toBe('Bearer bedrock-api-key-123');
    expect(last().headers['x-amz-date']).toBeUndefined();
  });
});

describe('chat mapping', () => {
  it('maps cached tokens into prompt_tokens and cached_tokens, and max_tokens to "length"', async () => {
    upstream.setHandler(answerJson('converse-cached.json'));
    const completion = await client().chat.completions.create({ model, messages: hi, max_completion_tokens: 10 });
    expect(last().json.inferenceConfig).toEqual({ maxTokens: 10 });
    expect(completion.choices[0].finish_reason).toBe('length');
    expect(completion.usage).toEqual({ prompt_tokens: 1520, completion_tokens: 10, total_tokens: 1530, prompt_tokens_details: { cached_tokens: 1200 } });
  });

  it('maps tool_choice, json_schema, developer messages, user and extra model fields', async () => {
    await client().chat.completions.create({
      model,
      messages: [{ role: 'developer', content: 'Answer in JSON.' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
      user: 'user-42',
      seed: 7,
      top_p: 0.5,
      // @ts-expect-error a Bedrock-specific extension field
      additional_model_request_fields: { top_k: 40 },
    });
    expect(last().json).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      system: [{ text: 'Answer in JSON.' }],
      inferenceConfig: { topP: 0.5 },
      toolConfig: { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }], toolChoice: { tool: { name: 'lookup' } } },
      outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { name: 'answer', schema: '{"type":"object","properties":{"a":{"type":"string"}}}' } } } },
      additionalModelRequestFields: { top_k: 40 },
      requestMetadata: { user: 'user-42' },
    });
  });

  it('merges parallel tool results into one user turn and maps "required" to any', async () => {
    upstream.setHandler(answerJson('converse-tool-use.json'));
    const completion = await client().chat.completions.create({
      model,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
      tool_choice: 'required',
      messages: [
        { role: 'user', content: 'Paris and Rome?' },
        { role: 'assistant', content: '', tool_calls: [
          { id: 'a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ] },
        { role: 'tool', tool_call_id: 'a', content: 'sunny' },
        { role: 'tool', tool_call_id: 'b', content: 'rainy' },
      ],
    });
    expect(last().json.toolConfig.toolChoice).toEqual({ any: {} });
    expect(last().json.messages[2]).toEqual({ role: 'user', content: [
      { toolResult: { toolUseId: 'a', content: [{ text: 'sunny' }] } },
      { toolResult: { toolUseId: 'b', content: [{ text: 'rainy' }] } },
    ] });
    expect(completion.choices[0].message.content).toBe('Let me check.');
    expect(completion.choices[0].message.tool_calls?.[0]).toMatchObject({ id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', function: { arguments: '{"city":"Paris"}' } });
  });

  it.each([
    [{ n: 2 }, 'n'],
    [{ logprobs: true }, 'logprobs'],
    [{ response_format: { type: 'json_object' } }, 'response_format'],
  ])('rejects %j with a 400 naming the parameter', async (extra, param) => {
    const failure = await failureOf(client().chat.completions.create({ model, messages: hi, ...(extra as object) }));
    expect(failure?.status).toBe(400);
    expect(failure?.param).toBe(param);
  });

  it('refuses an https image larger than the inlining limit, and http images', async () => {
    const image = (url: string) => client().chat.completions.create({ model, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }] });
    expect((await failureOf(image('https://images.example/big.png')))?.message).toContain('larger than 64 bytes');
    expect((await failureOf(image('http://images.example/cat.png')))?.status).toBe(400);
    expect((await failureOf(image('https://169.254.169.254/latest')))?.status).toBe(400);
  });

  it('keeps the upstream status and message of a Bedrock error', async () => {
    upstream.setHandler(signedOnly((_, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' });
      response.end(JSON.stringify({ message: 'Too many requests, please wait before trying again.' }));
    }));
    const failure = await failureOf(client().chat.completions.create({ model, messages: hi }));
    expect(failure?.status).toBe(429);
    expect(failure?.message).toContain('Too many requests');
  });
});

describe('streaming over HTTP', () => {
  it('reassembles frames split across TCP reads', async () => {
    upstream.setHandler(answerFrames('converse-text.chunks.txt', 7));
    const stream = await client().chat.completions.create({ model, messages: hi, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Hello from the stream');
  });

  it('ends with an OpenAI error when an exception frame arrives mid-stream', async () => {
    upstream.setHandler(answerFrames('converse-model-stream-error.chunks.txt'));
    const stream = await client().chat.completions.create({ model, messages: hi, stream: true });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((error: unknown) => error as Error);
    expect(text).toBe('Partial');
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(failure?.message).toContain('The model failed while streaming.');
  });
});

describe('the URL built from the region and the model', () => {
  let routed: TestGateway;
  let bedrock: MockUpstream;
  /** URLs the gateway asked for, before the test fetch sent them to the mock. */
  const requestedUrls: string[] = [];

  beforeAll(async () => {
    // The signature names the real host, which the mock is not: this one answers unsigned requests.
    bedrock = await startMockUpstream((_, response) => sendJson(response, 200, fixtureJson('converse-text.json')));
    // Real Bedrock hosts are routed to the local mock, so the default base URL is exercised.
    const routeBedrockToMock: typeof fetch = (input, init) => {
      const url = String(input);
      requestedUrls.push(url);
      return fetch(url.replace(/^https:\/\/bedrock-runtime\.[a-z0-9-]+\.amazonaws\.com/, bedrock.origin), init);
    };
    routed = await startTestGateway({ providers: [createBedrockProvider()], fetch: routeBedrockToMock, circuitBreaker: false });
  });
  afterAll(async () => {
    await routed?.close();
    await bedrock?.close();
  });

  function routedClient(region: string) {
    return new OpenAI({ apiKey: 'unused', baseURL: `${routed.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'bedrock', ...awsHeaders, 'x-portkey-aws-region': region } });
  }

  it.each(['us-east-1', 'us-gov-west-1', 'ap-southeast-5', 'eu-central-2', 'il-central-1', 'cn-north-1', 'us-isob-east-1', 'eusc-de-east-1'])('calls bedrock-runtime.%s.amazonaws.com', async (region) => {
    await routedClient(region).chat.completions.create({ model, messages: hi });
    expect(requestedUrls.at(-1)).toBe(`https://bedrock-runtime.${region}.amazonaws.com/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse`);
  });

  it('keeps an inference profile ARN in one path segment', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0';
    await routedClient('us-east-1').chat.completions.create({ model: arn, messages: hi });
    expect(requestedUrls.at(-1)).toBe('https://bedrock-runtime.us-east-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse');
  });

  it.each(['US-EAST-1', 'us-east-1.evil.example', 'us-east-1:443', 'x@127.0.0.1', 'us_east_1', 'useast1'])('answers 400 naming the header for the region %j, calling nothing', async (region) => {
    const before = requestedUrls.length;
    const failure = await failureOf(routedClient(region).chat.completions.create({ model, messages: hi }));
    expect(failure?.status).toBe(400);
    expect(failure?.param).toBe('aws_region');
    expect(failure?.message).toContain('x-portkey-aws-region');
    expect(requestedUrls.length).toBe(before);
  });

  it.each(['..', '.'])('answers 400 for the model id %j, a dot-segment, calling nothing', async (dots) => {
    const before = requestedUrls.length;
    const failure = await failureOf(routedClient('us-east-1').chat.completions.create({ model: dots, messages: hi }));
    expect(failure?.status).toBe(400);
    expect(failure?.param).toBe('model');
    expect(requestedUrls.length).toBe(before);
  });
});
