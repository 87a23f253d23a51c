/**
 * Guardrails with the built-in checks, the same on every runtime: the retry-until-pass example
 * (a denied answer is a 446 that `retry.on_status_codes` acts on), an input deny in the Anthropic
 * format (446, the provider never called), and a denied stream ending in an error event.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { chatChunkEvents } from '../openai-mock.js';
import { named, sequence } from '../upstream-handlers.js';
import { postChat, target, useGatewayHarness, type StartGateway } from './harness.js';

const noApple = [{ 'default.contains': { operator: 'none', words: ['Apple'] }, deny: true }];

export function describeGuardrails(name: string, start: StartGateway): void {
  describe(`guardrails on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 1 });

    it('retries a denied answer until one passes: the client only ever sees Bat', async () => {
      const [upstream] = harness.upstreams;
      upstream.setHandler(sequence(named('Apple'), named('Apple'), named('Bat')));
      const response = await postChat(harness.gateway, { ...target(upstream), retry: { attempts: 5, on_status_codes: [446] }, output_guardrails: noApple });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.choices[0].message.content).toBe('Bat');
      expect(body.hook_results.after_request_hooks[0]).toMatchObject({ verdict: true, checks: [{ id: 'default.contains', verdict: true }] });
      expect(upstream.requests).toHaveLength(3);
    });

    it('denies an input in the Anthropic format with 446 and hook_results, and never calls the provider', async () => {
      const [upstream] = harness.upstreams;
      const client = new Anthropic({
        apiKey: 'sk-test', baseURL: harness.gateway.url, maxRetries: 0,
        defaultHeaders: { 'x-portkey-config': JSON.stringify({ ...target(upstream), input_guardrails: [{ 'default.contains': { operator: 'none', words: ['password'] }, deny: true }] }) },
      });
      const failure = await client.messages.create({ model: 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: 'My password is hunter2.' }] })
        .then(() => undefined, (error: unknown) => error as InstanceType<typeof Anthropic.APIError>);
      expect(failure?.status).toBe(446);
      expect(failure?.error).toMatchObject({ hook_results: { before_request_hooks: [{ verdict: false }] } });
      expect(upstream.requests).toHaveLength(0);
    });

    it('ends a denied stream with an error event, never [DONE]', async () => {
      const [upstream] = harness.upstreams;
      upstream.setHandler((request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const event of chatChunkEvents(request.json.model, ['An ', 'Apple ', 'a day.'])) response.write(event);
        response.end();
      });
      const response = await postChat(harness.gateway, { ...target(upstream), output_guardrails: noApple }, { body: { stream: true } });
      const text = await response.text();
      expect(text.trim().split('\n\n').at(-1)).toMatch(/^data: \{"error":\{"message":"The guardrail checks/);
      expect(text).not.toContain('[DONE]');
    });
  });
}
