/**
 * Claude's signed reasoning through Converse: `reasoningContent` blocks (text with its signature,
 * and redacted ones) come back as `thinking_blocks` to chat clients and sealed in
 * `encrypted_content` to stateless Responses clients, and the next turn sends them to Bedrock as
 * they were, first in the assistant turn.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlock.html
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, startTestGateway, type MockUpstream, type TestGateway } from '@ai-gateway/testing';
import { bedrockProvider } from './bedrock-provider.js';
import { answerFrames, answerJson, bedrockHeaders } from './test/bedrock-mock.js';

const model = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const signedText = { reasoningContent: { reasoningText: { text: 'Paris, so call get_weather.', signature: 'ErcBCkgIAhABGAIiQsigned-by-claude' } } };
const redacted = { reasoningContent: { redactedContent: 'RW5jcnlwdGVkIHJlYXNvbmluZw==' } };
const thinkingBlocks = [
  { type: 'thinking', thinking: 'Paris, so call get_weather.', signature: 'ErcBCkgIAhABGAIiQsigned-by-claude' },
  { type: 'redacted_thinking', data: 'RW5jcnlwdGVkIHJlYXNvbmluZw==' },
];
const toolUse = { toolUse: { toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'get_weather', input: { city: 'Paris' } } };
const weatherTool: OpenAI.Responses.FunctionTool = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false };

let upstream: MockUpstream;
let gateway: TestGateway;
let client: OpenAI;
const lastMessages = () => upstream.requests.at(-1)!.json.messages;

beforeAll(async () => {
  upstream = await startMockUpstream((request, response) => (request.url.endsWith('/converse-stream') ? answerFrames('converse-reasoning-tool-use.chunks.txt') : answerJson('converse-reasoning-tool-use.json'))(request, response));
  gateway = await startTestGateway({ providers: [bedrockProvider] });
  client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.origin}/v1`, maxRetries: 0, defaultHeaders: bedrockHeaders(upstream.origin) });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('signed reasoning on a bedrock target', () => {
  it('answers chat clients thinking_blocks, and sends them back as reasoningContent', async () => {
    const first = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    const message = first.choices[0].message as OpenAI.Chat.ChatCompletionMessage & { thinking_blocks?: unknown[] };
    expect(message.thinking_blocks).toEqual(thinkingBlocks);

    await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }, message as OpenAI.Chat.ChatCompletionMessageParam, { role: 'tool', tool_call_id: toolUse.toolUse.toolUseId, content: '{"temp":21}' }] });
    expect(lastMessages()[1]).toEqual({ role: 'assistant', content: [signedText, redacted, toolUse] });
  });

  it('streams each block whole once it stops', async () => {
    const stream = await client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    const blocks: unknown[] = [];
    for await (const chunk of stream) blocks.push(...((chunk.choices[0]?.delta as { thinking_blocks?: unknown[] } | undefined)?.thinking_blocks ?? []));
    expect(blocks).toEqual(thinkingBlocks);
  });

  it('seals them for a stateless Responses client and gives them back on its next, streamed turn', async () => {
    const request = { model, tools: [weatherTool], store: false, include: ['reasoning.encrypted_content' as const] };
    const first = await client.responses.create({ ...request, stream: true, input: 'Weather in Paris?' });
    let output: OpenAI.Responses.ResponseOutputItem[] = [];
    for await (const event of first) if (event.type === 'response.completed') output = event.response.output;
    const reasoning = output.find((item): item is OpenAI.Responses.ResponseReasoningItem => item.type === 'reasoning')!;
    expect(reasoning.encrypted_content).toMatch(/^aigw1\./);
    expect(JSON.stringify(output)).not.toContain('signed-by-claude');

    await client.responses.create({ ...request, input: [{ role: 'user', content: 'Weather in Paris?' }, ...output, { type: 'function_call_output', call_id: toolUse.toolUse.toolUseId, output: '{"temp":21}' }] as OpenAI.Responses.ResponseInput });
    expect(lastMessages()[1]).toEqual({ role: 'assistant', content: [signedText, redacted, toolUse] });
  });
});
