/**
 * The openai SDK's Responses API at the gateway's `/v1/responses`, routed to a mock Gemini upstream:
 * text, a function call over two turns, streamed calls, thoughts as reasoning, `reasoning.effort`
 * as a thinking budget, and a length stop.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendEvents, sendJson, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { fixtureJson, replayEvents, replayJson } from './__fixtures__/fixtures.js';
import { googleProvider } from './google-provider.js';

const model = 'gemini-2.5-flash';
let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const last = () => upstream.requests[upstream.requests.length - 1];
const weatherTool: OpenAI.Responses.FunctionTool = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false };

beforeAll(async () => {
  upstream = await startMockUpstream((_, response) => replayJson(response, 'gemini-text.json'));
  gateway = await startTestGateway({ providers: [googleProvider] });
  client = new OpenAI({ apiKey: 'gemini-key', baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'google', 'x-portkey-custom-host': `${upstream.origin}/v1beta` } });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => upstream.setHandler((_, response) => replayJson(response, 'gemini-text.json')));

describe('openai SDK responses on a google target', () => {
  it('answers text, with instructions as the system instruction and usage', async () => {
    const response = await client.responses.create({ model, instructions: 'Be brief.', input: 'Hi', max_output_tokens: 50 });
    expect(last().url).toBe(`/v1beta/models/${model}:generateContent`);
    expect(last().json).toMatchObject({ systemInstruction: { parts: [{ text: 'Be brief.' }] }, contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { maxOutputTokens: 50 } });
    expect(response.output_text).toBe('Hello from the mock upstream');
    expect(response.usage).toMatchObject({ input_tokens: 9, output_tokens: 6 });
  });

  it('calls a function, then takes its output on the second turn', async () => {
    upstream.setHandler((_, response) => replayJson(response, 'gemini-tool-call.json'));
    const first = await client.responses.create({ model, input: 'Weather in Paris?', tools: [weatherTool], tool_choice: 'required' });
    expect(last().json.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    const call = first.output.find((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call')!;
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });

    upstream.setHandler((_, response) => replayJson(response, 'gemini-text.json'));
    const second = await client.responses.create({
      model, tools: [weatherTool],
      input: [{ role: 'user', content: 'Weather in Paris?' }, ...first.output, { type: 'function_call_output', call_id: call.call_id, output: '{"temp":21}' }] as OpenAI.Responses.ResponseInput,
    });
    expect(last().json.contents.slice(1)).toMatchObject([
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather' } }] },
    ]);
    expect(second.output_text).toBe('Hello from the mock upstream');
  });

  it('streams a function call', async () => {
    upstream.setHandler((_, response) => replayEvents(response, 'gemini-tool-call.chunks.txt'));
    const response = await client.responses.stream({ model, input: 'Weather?', tools: [weatherTool] }).finalResponse();
    expect(last().url).toContain(':streamGenerateContent');
    expect(response.status).toBe('completed');
    expect(response.output.at(-1)).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}' });
  });

  it('asks for a thinking budget for reasoning.effort and returns thoughts as a reasoning item', async () => {
    const text = fixtureJson('gemini-text.json');
    const withThought = { ...text, candidates: [{ ...text.candidates[0], content: { role: 'model', parts: [{ text: 'Weighing it.', thought: true }, { text: 'Done.' }] } }] };
    upstream.setHandler((_, response) => sendJson(response, 200, withThought));
    const response = await client.responses.create({ model, input: 'Hi', reasoning: { effort: 'medium' } });
    expect(last().json.generationConfig.thinkingConfig).toEqual({ thinkingBudget: 8192, includeThoughts: true });
    expect(response.output[0]).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Weighing it.' }] });
    expect(response.output_text).toBe('Done.');

    upstream.setHandler((_, response) => sendEvents(response, [`data: ${JSON.stringify(withThought)}\r\n\r\n`]));
    const streamed = await client.responses.stream({ model, input: 'Hi', reasoning: { effort: 'medium' } }).finalResponse();
    expect(streamed.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
  });

  it('answers MAX_TOKENS as incomplete', async () => {
    const text = fixtureJson('gemini-text.json');
    upstream.setHandler((_, response) => sendJson(response, 200, { ...text, candidates: [{ ...text.candidates[0], finishReason: 'MAX_TOKENS' }] }));
    const response = await client.responses.create({ model, input: 'Hi', max_output_tokens: 3 });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details?.reason).toBe('max_output_tokens');
  });
});
