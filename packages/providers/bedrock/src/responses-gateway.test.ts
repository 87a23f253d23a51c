/**
 * The openai SDK's Responses API at the gateway's `/v1/responses`, routed to a Bedrock stand-in
 * that checks signatures: text, a function call over two turns, streamed calls, a length stop and
 * a throttled request.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { bedrockProvider } from './bedrock-provider.js';
import { answerError, answerFrames, answerJson, bedrockHeaders } from './test/bedrock-mock.js';

const model = 'anthropic.claude-3-5-haiku-20241022-v1:0';
let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const last = () => upstream.requests[upstream.requests.length - 1];
const weatherTool: OpenAI.Responses.FunctionTool = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false };

beforeAll(async () => {
  upstream = await startMockUpstream(answerJson('converse-text.json'));
  gateway = await startTestGateway({ providers: [bedrockProvider] });
  client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: bedrockHeaders(upstream.origin) });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => upstream.setHandler(answerJson('converse-text.json')));

describe('openai SDK responses on a bedrock target', () => {
  it('answers text through a signed Converse request', async () => {
    const response = await client.responses.create({ model, instructions: 'Be brief.', input: 'Hi', max_output_tokens: 20 });
    expect(last().url).toBe(`/model/${encodeURIComponent(model)}/converse`);
    expect(last().json).toMatchObject({ system: [{ text: 'Be brief.' }], messages: [{ role: 'user', content: [{ text: 'Hi' }] }], inferenceConfig: { maxTokens: 20 } });
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Hello from the mock upstream');
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 6, total_tokens: 18 });
  });

  it('calls a function, then takes its output on the second turn', async () => {
    upstream.setHandler(answerJson('converse-tool-use.json'));
    const first = await client.responses.create({ model, input: 'Weather in Paris?', tools: [weatherTool] });
    expect(first.output.map((item) => item.type)).toEqual(['message', 'function_call']);
    const call = first.output[1] as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ call_id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'get_weather', arguments: '{"city":"Paris"}' });

    upstream.setHandler(answerJson('converse-text.json'));
    await client.responses.create({
      model, tools: [weatherTool],
      input: [{ role: 'user', content: 'Weather in Paris?' }, ...first.output, { type: 'function_call_output', call_id: call.call_id, output: '{"temp":21}' }] as OpenAI.Responses.ResponseInput,
    });
    expect(last().json.messages).toMatchObject([
      { role: 'user' },
      { role: 'assistant', content: [{ text: 'Let me check.' }, { toolUse: { toolUseId: call.call_id, name: 'get_weather', input: { city: 'Paris' } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: call.call_id } }] },
    ]);
  });

  it('streams a function call with its argument deltas', async () => {
    upstream.setHandler(answerFrames('converse-tool-use.chunks.txt'));
    const stream = client.responses.stream({ model, input: 'Weather?', tools: [weatherTool] });
    const deltas: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => deltas.push(event.delta));
    const response = await stream.finalResponse();
    expect(last().url).toContain('/converse-stream');
    expect(deltas.join('')).toBe('{"city": "Paris"}');
    expect(response.output.at(-1)).toMatchObject({ type: 'function_call', name: 'get_weather', call_id: 'tooluse_2sYRfDIwQ2C6n7hDP1UoOg' });
  });

  it('answers a max_tokens stop as incomplete', async () => {
    upstream.setHandler(answerJson('converse-cached.json'));
    const response = await client.responses.create({ model, input: 'Hi', max_output_tokens: 10 });
    expect(response.status).toBe('incomplete');
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(1200);
  });

  it('raises a throttled request as RateLimitError', async () => {
    upstream.setHandler(answerError(429, 'ThrottlingException', 'Too many requests, please wait before trying again.'));
    const failure = await client.responses.create({ model, input: 'Hi' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
  });
});
