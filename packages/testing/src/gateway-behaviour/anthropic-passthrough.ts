/**
 * The official Anthropic SDK at `/v1/messages` routed to an Anthropic target: request and answer
 * pass through as bytes, streams included; errors keep Anthropic's shape; a fallback to OpenAI
 * translates only for OpenAI.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { sendEvents, sendJson } from '../mock-upstream.js';
import { mockChatText } from '../openai-mock.js';
import { anthropicMessage, anthropicToolStream, last, useAnthropicHarness, weatherTool } from './anthropic-harness.js';
import type { GatewayBehaviourOptions, StartGateway } from './harness.js';

export function describeAnthropicPassthrough(name: string, start: StartGateway, options: GatewayBehaviourOptions = {}): void {
  describe(`Anthropic SDK at /v1/messages, Anthropic target, on ${name}`, () => {
    const harness = useAnthropicHarness(start);
    const { client } = harness;

    it('passes the request and the answer through untouched', async () => {
      const message = await client('anthropic').messages.create({
        model: 'claude-sonnet-5', max_tokens: 100, system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }], metadata: { user_id: 'u-1' },
        messages: [{ role: 'user', content: 'Hi' }],
      }, { headers: { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'prompt-caching-2024-07-31' } });
      const received = last(harness.anthropic);
      expect(received.url).toBe('/v1/messages');
      expect(received.headers['x-api-key']).toBe('sk-client-key');
      // The client's own protocol headers travel with its bytes.
      expect(received.headers['anthropic-version']).toBe('2023-06-01');
      expect(received.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
      expect(received.json).toEqual({
        model: 'claude-sonnet-5', max_tokens: 100, system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }], metadata: { user_id: 'u-1' },
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(message).toEqual(anthropicMessage);
    });

    it('streams tool use through, pings and all', async () => {
      harness.anthropic.setHandler((_, response) => sendEvents(response, anthropicToolStream));
      const stream = client('anthropic', { authToken: 'sk-bearer-key' }).messages.stream({ model: 'claude-sonnet-5', max_tokens: 100, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather?' }] });
      const message = await stream.finalMessage();
      expect(last(harness.anthropic).headers['x-api-key']).toBe('sk-bearer-key');
      expect(last(harness.anthropic).json.tools).toEqual([weatherTool]);
      expect(message.content).toEqual([{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }]);
      expect(message.stop_reason).toBe('tool_use');
    });

    it.skipIf(options.resendsAfterBrokenAnswer)('ends a passed-through stream whose upstream connection drops with an Anthropic error event', async () => {
      harness.anthropic.setHandler((_, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(anthropicToolStream.slice(0, 2).join(''));
        setTimeout(() => response.destroy(), 20);
      });
      const stream = client('anthropic').messages.stream({ model: 'claude-sonnet-5', max_tokens: 100, messages: [{ role: 'user', content: 'Weather?' }] });
      const failure = await stream.finalMessage().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Anthropic.APIError);
      expect((failure as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    });

    it('keeps an overloaded_error (529) as it is', async () => {
      harness.anthropic.setHandler((_, response) => sendJson(response, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
      const failure = (await client('anthropic').messages.create({ model: 'claude-sonnet-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error)) as InstanceType<typeof Anthropic.APIError>;
      expect(failure).toBeInstanceOf(Anthropic.APIError);
      expect(failure.status).toBe(529);
      expect(failure.error).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    });

    it('falls back from a failing Anthropic target to OpenAI, translating only for OpenAI', async () => {
      harness.anthropic.setHandler((_, response) => sendJson(response, 500, { type: 'error', error: { type: 'api_error', message: 'Internal' } }));
      const config = {
        strategy: { mode: 'fallback' },
        targets: [
          { provider: 'anthropic', api_key: 'sk-ant', custom_host: `${harness.anthropic.origin}/v1` },
          { provider: 'openai', api_key: 'sk-oai', custom_host: `${harness.openai.origin}/v1`, override_params: { model: 'gpt-4o-mini' } },
        ],
      };
      const anthropicClient = new Anthropic({ apiKey: 'unused', baseURL: harness.gateway.url, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });
      const response = await anthropicClient.messages.create({ model: 'claude-sonnet-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
      expect(last(harness.anthropic).json.model).toBe('claude-sonnet-5');
      expect(last(harness.openai).json).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.data.content).toEqual([{ type: 'text', text: mockChatText }]);
      expect(response.response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    });

    it('answers a request without a provider with an Anthropic-shaped 400', async () => {
      const anthropicClient = new Anthropic({ apiKey: 'k', baseURL: harness.gateway.url, maxRetries: 0 });
      const failure = (await anthropicClient.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: unknown) => error)) as InstanceType<typeof Anthropic.APIError>;
      expect(failure.status).toBe(400);
      expect(failure.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    });
  });
}
