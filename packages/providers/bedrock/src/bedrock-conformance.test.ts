/**
 * Bedrock through the shared conformance suite: the openai SDK talks to the gateway, whose
 * upstream is a Bedrock stand-in that checks SigV4 signatures and answers Converse JSON and
 * ConverseStream event-stream frames from the fixtures.
 */
import { expect } from 'vitest';
import { describeProviderConformance, httpsImageUrl, pngBase64 } from '@ai-gateway/testing';
import { createBedrockProvider } from './bedrock-provider.js';
import { answerError, answerFrames, answerJson, signatureProblem, testCredentials } from './test/bedrock-mock.js';

const model = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const modelPath = '/model/anthropic.claude-3-5-haiku-20241022-v1%3A0';
const fetchedImages: string[] = [];

// Stands in for the internet: the conformance suite's https image is answered with a PNG.
const imageFetch = (async (url: string) => {
  fetchedImages.push(url);
  return new Response(Buffer.from(pngBase64, 'base64'), { headers: { 'content-type': 'image/png' } });
}) as typeof fetch;

describeProviderConformance({
  provider: 'bedrock',
  providers: [createBedrockProvider({ imageFetch })],
  model,
  headers: {
    'x-portkey-aws-access-key-id': testCredentials.accessKeyId,
    'x-portkey-aws-secret-access-key': testCredentials.secretAccessKey,
    'x-portkey-aws-region': testCredentials.region,
  },
  customHost: (origin) => origin,
  upstream: {
    chat: answerJson('converse-text.json'),
    chatStream: answerFrames('converse-text.chunks.txt'),
    toolCall: answerJson('converse-tool-use.json'),
    toolCallStream: answerFrames('converse-tool-use.chunks.txt'),
    error: answerError(400, 'ValidationException', 'conformance: bad request: temperature must be at most 1'),
    streamError: answerFrames('converse-overloaded.chunks.txt'),
  },
  expectChatRequest(request) {
    expect(request.url).toBe(`${modelPath}/converse`);
    expect(signatureProblem(request)).toBeUndefined();
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, /);
    expect(request.json).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 50, temperature: 0.3, stopSequences: ['END'] },
    });
  },
  expectStreamRequest(request) {
    expect(request.url).toBe(`${modelPath}/converse-stream`);
    expect(signatureProblem(request)).toBeUndefined();
    expect(request.json.messages).toEqual([{ role: 'user', content: [{ text: 'Hi' }] }]);
  },
  expectToolRequest(request) {
    expect(request.json.toolConfig).toEqual({
      tools: [{ toolSpec: { name: 'get_weather', description: 'Current weather for a city', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } } }],
      toolChoice: { auto: {} },
    });
  },
  expectToolResultRequest(request) {
    expect(request.json.messages).toEqual([
      { role: 'user', content: [{ text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Paris' } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 'call_1', content: [{ text: '{"temp":21}' }] } }] },
    ]);
    expect(request.json.toolConfig.tools[0].toolSpec.name).toBe('get_weather');
  },
  expectVisionRequest(request) {
    expect(fetchedImages).toContain(httpsImageUrl);
    expect(request.json.messages[0].content).toEqual([
      { text: 'What is in these?' },
      { image: { format: 'png', source: { bytes: pngBase64 } } },
      { image: { format: 'png', source: { bytes: pngBase64 } } },
    ]);
  },
});
