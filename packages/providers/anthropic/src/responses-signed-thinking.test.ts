/**
 * Anthropic's signed thinking through the gateway, for clients that cannot hold it themselves:
 * chat clients get and return `thinking_blocks`; Responses clients get the blocks sealed in a
 * reasoning item's `encrypted_content` (stateless, `store: false`) or kept with the stored
 * response (`previous_response_id`). Either way the next turn gives Anthropic back exactly what it signed.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { anthropicProvider } from './anthropic-provider.js';
import { fixtureJson, toServerSentEvents } from './__fixtures__/replay-fixture.js';

const model = 'claude-sonnet-4-5-20250929';
const thinking = { type: 'thinking', thinking: 'Paris, so call get_weather.', signature: 'EqQBCkYIARgCIkBsigned' };
const redacted = { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP' };
const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } };
const weatherTool: OpenAI.Responses.FunctionTool = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false }, strict: true };
const toolOutput = { type: 'function_call_output' as const, call_id: 'toolu_1', output: '{"temp":21}' };

const answerWith = (content: unknown[]) => ({ ...fixtureJson('anthropic-tool-call'), content, stop_reason: 'tool_use' });
const streamedAnswer = [
  { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Paris, so ' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'call get_weather.' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: thinking.signature } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: redacted },
  { type: 'content_block_stop', index: 1 },
  { type: 'content_block_start', index: 2, content_block: { ...toolUse, input: {} } },
  { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' } },
  { type: 'content_block_stop', index: 2 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 20 } },
  { type: 'message_stop' },
];

let upstream: MockUpstream;
let gateway: TestGateway;

/** The mock answers with thinking, a redacted block and a call; streamed when asked. */
function thinkingUpstream() {
  upstream.setHandler((request, response) => {
    if (!request.json.stream) return sendJson(response, 200, answerWith([thinking, redacted, toolUse]));
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(toServerSentEvents(streamedAnswer).join(''));
  });
}

const clientWith = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstream.origin}/v1` } });
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
const lastMessages = () => upstream.requests.at(-1)!.json.messages;
const reasoningOf = (output: OpenAI.Responses.ResponseOutputItem[]) => output.find((item): item is OpenAI.Responses.ResponseReasoningItem => item.type === 'reasoning')!;

beforeAll(async () => {
  upstream = await startMockUpstream((_, response) => sendJson(response, 500, {}));
  gateway = await startTestGateway({ providers: [anthropicProvider] });
  thinkingUpstream();
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('signed thinking for chat clients', () => {
  it('answers thinking_blocks beside reasoning_content, and sends them back first in the assistant turn', async () => {
    const client = clientWith('sk-ant-chat');
    const first = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [{ type: 'function', function: { name: weatherTool.name, parameters: weatherTool.parameters ?? {} } }] });
    const message = first.choices[0].message as OpenAI.Chat.ChatCompletionMessage & { thinking_blocks?: unknown[]; reasoning_content?: string };
    expect(message.reasoning_content).toBe(thinking.thinking);
    expect(message.thinking_blocks).toEqual([thinking, redacted]);

    await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }, message as OpenAI.Chat.ChatCompletionMessageParam, { role: 'tool', tool_call_id: 'toolu_1', content: '{"temp":21}' }] });
    expect(lastMessages()[1]).toEqual({ role: 'assistant', content: [thinking, redacted, toolUse] });
  });

  it('streams each block whole once it ends', async () => {
    const stream = await clientWith('sk-ant-chat').chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    const blocks: unknown[] = [];
    for await (const chunk of stream) blocks.push(...((chunk.choices[0]?.delta as { thinking_blocks?: unknown[] } | undefined)?.thinking_blocks ?? []));
    expect(blocks).toEqual([thinking, redacted]);
  });

  it('answers a 400 naming a malformed block', async () => {
    const failure = await failureOf(clientWith('sk-ant-chat').chat.completions.create({
      model, messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello', thinking_blocks: [{ type: 'thinking', thinking: 'no signature' }] } as OpenAI.Chat.ChatCompletionMessageParam],
    }));
    expect(failure).toMatchObject({ status: 400, param: 'messages[1].thinking_blocks[0]' });
  });
});

describe('signed thinking for stateless Responses clients (store: false, include reasoning.encrypted_content)', () => {
  const request = { model, tools: [weatherTool], store: false, include: ['reasoning.encrypted_content' as const] };

  it('seals the blocks into encrypted_content and opens them for the next turn (JSON)', async () => {
    const client = clientWith('sk-ant-alice');
    const first = await client.responses.create({ ...request, input: 'Weather in Paris?' });
    const reasoning = reasoningOf(first.output);
    expect(reasoning.summary).toEqual([{ type: 'summary_text', text: thinking.thinking }]);
    expect(reasoning.encrypted_content).toMatch(/^aigw1\./);
    expect(JSON.stringify(first)).not.toContain(thinking.signature);
    expect(JSON.stringify(first)).not.toContain(redacted.data);

    await client.responses.create({ ...request, input: [{ role: 'user', content: 'Weather in Paris?' }, ...first.output, toolOutput] as OpenAI.Responses.ResponseInput });
    expect(lastMessages()[1]).toEqual({ role: 'assistant', content: [thinking, redacted, toolUse] });
  });

  it('seals streamed blocks, the same content in the item and in the final response', async () => {
    const client = clientWith('sk-ant-alice');
    const stream = client.responses.stream({ ...request, input: 'Weather in Paris?' });
    const itemsDone: OpenAI.Responses.ResponseOutputItem[] = [];
    for await (const event of stream) if (event.type === 'response.output_item.done') itemsDone.push(event.item);
    const final = await stream.finalResponse();
    expect(reasoningOf(itemsDone).encrypted_content).toMatch(/^aigw1\./);
    expect(reasoningOf(final.output).encrypted_content).toBe(reasoningOf(itemsDone).encrypted_content);

    await client.responses.create({ ...request, stream: true, input: [{ role: 'user', content: 'Weather in Paris?' }, ...final.output, toolOutput] as OpenAI.Responses.ResponseInput });
    expect(lastMessages()[1]).toEqual({ role: 'assistant', content: [thinking, redacted, toolUse] });
  });

  it('refuses altered content and content sealed for another key, before calling Anthropic', async () => {
    const alice = clientWith('sk-ant-alice');
    const first = await alice.responses.create({ ...request, input: 'Weather in Paris?' });
    const reasoning = reasoningOf(first.output);
    const sealed = reasoning.encrypted_content!;
    const altered = `${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`;
    const calls = upstream.requests.length;
    const replay = (encrypted: string) => [{ role: 'user', content: 'Weather in Paris?' }, { ...reasoning, encrypted_content: encrypted }, ...first.output.filter((item) => item.type !== 'reasoning'), toolOutput] as OpenAI.Responses.ResponseInput;

    const tampered = await failureOf(alice.responses.create({ ...request, input: replay(altered) }));
    expect(tampered).toMatchObject({ status: 400, code: 'invalid_encrypted_content', param: 'input[1].encrypted_content' });
    const stolen = await failureOf(clientWith('sk-ant-mallory').responses.create({ ...request, input: replay(sealed) }));
    expect(stolen).toMatchObject({ status: 400, code: 'invalid_encrypted_content' });
    expect(upstream.requests.length).toBe(calls);
  });

  it('leaves out encrypted_content the client did not ask for, and drops a native provider\'s', async () => {
    const client = clientWith('sk-ant-alice');
    const plain = await client.responses.create({ model, tools: [weatherTool], store: false, input: 'Weather in Paris?' });
    expect(reasoningOf(plain.output)).not.toHaveProperty('encrypted_content');
    expect(JSON.stringify(plain)).not.toContain('thinking_blocks');

    // Reasoning OpenAI sealed means nothing to Anthropic: dropped, as chat has no place for it.
    const openAIReasoning = { type: 'reasoning' as const, id: 'rs_openai', summary: [], encrypted_content: 'gAAAAABo-openai-sealed' };
    await client.responses.create({ model, store: false, input: [{ role: 'user', content: 'Hi' }, openAIReasoning, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Again' }] as OpenAI.Responses.ResponseInput });
    expect(lastMessages()).toEqual([{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Again' }]);
  });
});

describe('signed thinking in stored responses', () => {
  it('continues with previous_response_id giving Anthropic its blocks, and shows encrypted_content only when included', async () => {
    const client = clientWith('sk-ant-bob');
    const first = await client.responses.create({ model, tools: [weatherTool], input: 'Weather in Paris?' });
    expect(reasoningOf(first.output)).not.toHaveProperty('encrypted_content');

    await client.responses.create({ model, tools: [weatherTool], previous_response_id: first.id, input: [toolOutput] });
    expect(lastMessages()[1]).toEqual({ role: 'assistant', content: [thinking, redacted, toolUse] });

    const retrieved = await client.responses.retrieve(first.id);
    expect(reasoningOf(retrieved.output)).not.toHaveProperty('encrypted_content');
    expect(JSON.stringify(retrieved)).not.toContain(thinking.signature);
    const withContent = await client.responses.retrieve(first.id, { include: ['reasoning.encrypted_content'] });
    expect(reasoningOf(withContent.output).encrypted_content).toMatch(/^aigw1\./);
  });
});
