/**
 * The conformance suite every provider package runs: the official openai SDK talks to a gateway
 * whose upstream is a mock speaking the provider's own wire format. The provider package supplies
 * the upstream's answers (from the provider's documented examples) and assertions on what the
 * upstream received; the suite asserts what an OpenAI client sees.
 *
 * Mock answers must carry these fixed values so the suite can check the mapping:
 * - plain chat: the text `mockChatText`, a normal stop, some usage;
 * - streamed chat: the pieces `mockStreamPieces` in order, a normal stop, usage in the last event;
 * - tool call: one call of `get_weather` with arguments `{"city":"Paris"}` (streamed: in 2+ deltas);
 * - error: a 400 in the provider's error format whose message contains `conformance: bad request`;
 * - stream error (optional): a 200 stream with an error event containing `conformance: overloaded`.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderV1 } from '@ai-gateway/core';
import { startMockUpstream, type MockHandler, type MockUpstream, type RecordedRequest } from './mock-upstream.js';
import { mockChatText, mockStreamPieces } from './openai-mock.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';

export interface ProviderConformanceCase {
  /** The value of `x-portkey-provider`. */
  provider: string;
  /** Providers the gateway under test registers (at least this one). */
  providers: readonly ProviderV1[];
  /** The model name the client asks for. */
  model: string;
  /** Extra request headers: the key and provider settings (`x-portkey-aws-region`, ...). */
  headers?: Record<string, string>;
  /** The custom host that points the provider at the mock, e.g. `${origin}/v1`. */
  customHost(origin: string): string;
  upstream: {
    chat: MockHandler;
    chatStream: MockHandler;
    toolCall: MockHandler;
    toolCallStream: MockHandler;
    error: MockHandler;
    streamError?: MockHandler;
  };
  /** What the upstream must have received for: system + user messages, max_tokens 50, temperature 0.3, stop ["END"]. */
  expectChatRequest(request: RecordedRequest): void;
  /** ... for the streamed chat (the stream flag or streaming path). */
  expectStreamRequest?(request: RecordedRequest): void;
  /** ... for a request with the `get_weather` tool and `tool_choice: "auto"`. */
  expectToolRequest(request: RecordedRequest): void;
  /** ... for a follow-up carrying the assistant's tool call `call_1` and the tool's result `{"temp":21}`. */
  expectToolResultRequest(request: RecordedRequest): void;
  /** ... for a user message with an https image and a base64 PNG data URL. */
  expectVisionRequest(request: RecordedRequest): void;
}

export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** A 1×1 PNG, as a data URL and as its base64 payload. */
export const pngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
export const pngDataUrl = `data:image/png;base64,${pngBase64}`;
export const httpsImageUrl = 'https://images.example/cat.png';

export function describeProviderConformance(testCase: ProviderConformanceCase): void {
  describe(`${testCase.provider} conformance (openai SDK through the gateway)`, () => {
    let upstream: MockUpstream;
    let gateway: TestGateway;
    let client: OpenAI;
    const last = () => upstream.requests[upstream.requests.length - 1];

    beforeAll(async () => {
      upstream = await startMockUpstream(testCase.upstream.chat);
      gateway = await startTestGateway({ providers: testCase.providers });
      client = new OpenAI({
        apiKey: 'conformance-key',
        baseURL: `${gateway.origin}/v1`,
        maxRetries: 0,
        defaultHeaders: { 'x-portkey-provider': testCase.provider, 'x-portkey-custom-host': testCase.customHost(upstream.origin), ...testCase.headers },
      });
    });
    afterAll(async () => {
      await gateway?.close();
      await upstream?.close();
    });

    const basicMessages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ];

    it('maps a chat request and its answer', async () => {
      upstream.setHandler(testCase.upstream.chat);
      const completion = await client.chat.completions.create({ model: testCase.model, messages: basicMessages, max_tokens: 50, temperature: 0.3, stop: ['END'] });
      testCase.expectChatRequest(last());
      expect(completion.object).toBe('chat.completion');
      expect(completion.choices[0].message.role).toBe('assistant');
      expect(completion.choices[0].message.content).toBe(mockChatText);
      expect(completion.choices[0].finish_reason).toBe('stop');
      expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
      expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    });

    it('streams chat as chat.completion.chunk events ending in [DONE], usage last', async () => {
      upstream.setHandler(testCase.upstream.chatStream);
      const stream = await client.chat.completions.create({ model: testCase.model, messages: basicMessages, stream: true, stream_options: { include_usage: true } });
      const pieces: string[] = [];
      const finishReasons: string[] = [];
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        expect(chunk.object).toBe('chat.completion.chunk');
        const choice = chunk.choices[0];
        if (choice?.delta?.content) pieces.push(choice.delta.content);
        if (choice?.finish_reason) finishReasons.push(choice.finish_reason);
        if (chunk.usage) usage = chunk.usage;
      }
      testCase.expectStreamRequest?.(last());
      expect(pieces.join('')).toBe(mockStreamPieces.join(''));
      expect(finishReasons).toEqual(['stop']);
      expect(usage?.completion_tokens).toBeGreaterThan(0);
    });

    it('maps tools and a tool call', async () => {
      upstream.setHandler(testCase.upstream.toolCall);
      const completion = await client.chat.completions.create({ model: testCase.model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [weatherTool], tool_choice: 'auto' });
      testCase.expectToolRequest(last());
      const choice = completion.choices[0];
      expect(choice.finish_reason).toBe('tool_calls');
      const call = choice.message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
      expect(call.type).toBe('function');
      expect(call.id).toBeTruthy();
      expect(call.function.name).toBe('get_weather');
      expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    });

    it('sends tool results back in the provider format', async () => {
      upstream.setHandler(testCase.upstream.chat);
      await client.chat.completions.create({
        model: testCase.model,
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
        ],
      });
      testCase.expectToolResultRequest(last());
    });

    it('streams tool call argument deltas', async () => {
      upstream.setHandler(testCase.upstream.toolCallStream);
      const stream = await client.chat.completions.create({ model: testCase.model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [weatherTool], stream: true });
      let name = '';
      let argumentsText = '';
      const finishReasons: string[] = [];
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        for (const call of choice?.delta?.tool_calls ?? []) {
          expect(call.index).toBe(0);
          name += call.function?.name ?? '';
          argumentsText += call.function?.arguments ?? '';
        }
        if (choice?.finish_reason) finishReasons.push(choice.finish_reason);
      }
      expect(name).toBe('get_weather');
      expect(JSON.parse(argumentsText)).toEqual({ city: 'Paris' });
      expect(finishReasons).toEqual(['tool_calls']);
    });

    it('maps images (https and base64 data URLs)', async () => {
      upstream.setHandler(testCase.upstream.chat);
      await client.chat.completions.create({
        model: testCase.model,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in these?' }, { type: 'image_url', image_url: { url: httpsImageUrl } }, { type: 'image_url', image_url: { url: pngDataUrl } }] }],
      });
      testCase.expectVisionRequest(last());
    });

    it('maps a provider error to an OpenAI error with the upstream status and message', async () => {
      upstream.setHandler(testCase.upstream.error);
      const failure = await client.chat.completions.create({ model: testCase.model, messages: basicMessages }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
      expect((failure as Error).message).toContain('conformance: bad request');
    });

    if (testCase.upstream.streamError) {
      it('turns an error event inside a 2xx stream into an OpenAI error for the client', async () => {
        upstream.setHandler(testCase.upstream.streamError!);
        const stream = await client.chat.completions.create({ model: testCase.model, messages: basicMessages, stream: true });
        const failure = await (async () => {
          for await (const _ of stream) {
            // drain
          }
        })().catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(Error);
        expect((failure as Error).message).toContain('conformance: overloaded');
      });
    }
  });
}
