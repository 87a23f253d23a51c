/**
 * Anthropic-format clients to Claude on Bedrock, over HTTP: the Anthropic SDK -> the gateway ->
 * a Bedrock stand-in on 127.0.0.1 that checks SigV4 signatures. InvokeModel receives the client's
 * body (thinking with signatures, cache_control) as it was sent; streams come back as Anthropic's
 * events; counts go to CountTokens; other models still go through Converse.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { createBedrockProvider } from './bedrock-provider.js';
import { answerJson, sendFrames, signedOnly, testCredentials } from './test/bedrock-mock.js';
import { encodeFrame } from './test/event-stream-encoder.js';

const model = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const signature = 'EqQBCgIYAhIM1gbcDa9GJwZA2b3h';
const claudeMessage = {
  id: 'msg_bdrk_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'thinking', thinking: 'A greeting.', signature }, { type: 'text', text: 'Bonjour' }],
  stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 30, cache_read_input_tokens: 8, cache_creation_input_tokens: 0 },
};
const streamEvents = [
  { type: 'message_start', message: { ...claudeMessage, content: [], stop_reason: null } },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'A greeting.' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Bonjour' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 30 } },
  { type: 'message_stop' },
];
const chunkFrame = (event: object) => encodeFrame({ ':message-type': 'event', ':event-type': 'chunk', ':content-type': 'application/json' }, JSON.stringify({ bytes: Buffer.from(JSON.stringify(event)).toString('base64') }));

const request: Anthropic.MessageCreateParamsNonStreaming = {
  model, max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 },
  system: [{ type: 'text', text: 'You are a coding agent.', cache_control: { type: 'ephemeral' } }],
  messages: [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: [{ type: 'thinking', thinking: 'A greeting.', signature }, { type: 'redacted_thinking', data: 'EmwKAhgB' }, { type: 'text', text: 'Bonjour' }] },
    { role: 'user', content: [{ type: 'text', text: 'And in German?', cache_control: { type: 'ephemeral' } }] },
  ],
};

let upstream: MockUpstream;
let gateway: TestGateway;
const last = () => upstream.requests[upstream.requests.length - 1];
const client = () => new Anthropic({
  apiKey: 'unused', baseURL: gateway.origin, maxRetries: 0,
  defaultHeaders: {
    'x-portkey-provider': 'bedrock', 'x-portkey-custom-host': upstream.origin, 'x-portkey-aws-access-key-id': testCredentials.accessKeyId,
    'x-portkey-aws-secret-access-key': testCredentials.secretAccessKey, 'x-portkey-aws-region': testCredentials.region,
  },
});

beforeAll(async () => {
  upstream = await startMockUpstream(answerJson('converse-text.json'));
  gateway = await startTestGateway({ providers: [createBedrockProvider()] });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

describe('Anthropic SDK at /v1/messages, Claude on Bedrock', () => {
  it('sends the body to InvokeModel as the client wrote it, signed, and answers Claude untouched', async () => {
    upstream.setHandler(signedOnly((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(claudeMessage));
    }));
    const message = await client().messages.create(request, { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } });
    expect(last().url).toBe(`/model/${encodeURIComponent(model)}/invoke`);
    const { model: _model, ...rest } = request;
    expect(last().json).toEqual({ anthropic_version: 'bedrock-2023-05-31', ...rest, anthropic_beta: ['interleaved-thinking-2025-05-14'] });
    expect(message).toEqual(claudeMessage);
  });

  it("streams InvokeModelWithResponseStream's chunks as Anthropic's events, signature_delta included", async () => {
    upstream.setHandler(signedOnly((_, response) => sendFrames(response, streamEvents.map(chunkFrame), 37)));
    const message = await client().messages.stream({ model, max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
    expect(last().url).toBe(`/model/${encodeURIComponent(model)}/invoke-with-response-stream`);
    expect(last().json.stream).toBeUndefined();
    expect(message.content).toEqual(claudeMessage.content);
    expect(message.usage.output_tokens).toBe(30);
  });

  it('ends a stream with an Anthropic error event when Bedrock sends an exception frame', async () => {
    upstream.setHandler(signedOnly((_, response) => sendFrames(response, [
      chunkFrame(streamEvents[0]),
      encodeFrame({ ':message-type': 'exception', ':exception-type': 'throttlingException', ':content-type': 'application/json' }, JSON.stringify({ message: 'Too many tokens' })),
    ])));
    const failure = await client().messages.stream({ model, max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect((failure as InstanceType<typeof Anthropic.APIError>).error).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'Too many tokens' } });
  });

  it("counts Claude's tokens with CountTokens on the foundation model", async () => {
    upstream.setHandler(signedOnly((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ inputTokens: 42 }));
    }));
    const response = await client().messages.countTokens({ model, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    expect(last().url).toBe(`/model/${encodeURIComponent('anthropic.claude-sonnet-4-5-20250929-v1:0')}/count-tokens`);
    const invokeBody = JSON.parse(Buffer.from(last().json.input.invokeModel.body, 'base64').toString('utf8'));
    expect(invokeBody).toEqual({ anthropic_version: 'bedrock-2023-05-31', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 1 });
    expect(response.data).toEqual({ input_tokens: 42 });
    expect(response.response.headers.get('x-ai-gateway-token-count')).toBeNull();
  });

  it('counts a request with extended thinking, whose max_tokens Bedrock wants above the thinking budget', async () => {
    // Bedrock checks the InvokeModel body as it would for inference: Claude's rules apply.
    upstream.setHandler(signedOnly((request, response) => {
      const invokeBody = JSON.parse(Buffer.from(request.json.input.invokeModel.body, 'base64').toString('utf8'));
      const valid = typeof invokeBody.max_tokens === 'number' && invokeBody.max_tokens > (invokeBody.thinking?.budget_tokens ?? 0);
      response.writeHead(valid ? 200 : 400, { 'content-type': 'application/json' });
      response.end(JSON.stringify(valid ? { inputTokens: 57 } : { message: 'max_tokens must be greater than thinking.budget_tokens' }));
    }));
    const count = await client().messages.countTokens({ model, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'Hi' }] });
    const invokeBody = JSON.parse(Buffer.from(last().json.input.invokeModel.body, 'base64').toString('utf8'));
    expect(invokeBody).toEqual({ anthropic_version: 'bedrock-2023-05-31', thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 2049 });
    expect(count).toEqual({ input_tokens: 57 });
  });

  it('translates other models through Converse', async () => {
    upstream.setHandler(answerJson('converse-text.json'));
    const message = await client().messages.create({ model: 'meta.llama3-70b-instruct-v1:0', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
    expect(last().url).toBe(`/model/${encodeURIComponent('meta.llama3-70b-instruct-v1:0')}/converse`);
    expect(last().json.messages).toEqual([{ role: 'user', content: [{ text: 'Hi' }] }]);
    expect(message.type).toBe('message');
    expect(message.content[0].type).toBe('text');
  });
});
