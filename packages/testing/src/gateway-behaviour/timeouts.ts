/**
 * request_timeout (in a config, or `x-portkey-request-timeout`) bounds the wait for the upstream's
 * headers and every silence of a stream; a stream that keeps sending may run longer.
 */
import { describe, expect, it } from 'vitest';
import { hanging, slowStream } from '../upstream-handlers.js';
import { postChat, target, useGatewayHarness, withoutCircuitBreaker, type StartGateway } from './harness.js';

export function describeTimeouts(name: string, start: StartGateway): void {
  describe(`timeouts on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 1, environment: withoutCircuitBreaker });

    it('answers 408 when the upstream sends no headers within x-portkey-request-timeout', async () => {
      const [upstream] = harness.upstreams;
      upstream.setHandler(hanging);
      const started = Date.now();
      const response = await postChat(harness.gateway, null, { headers: { 'x-portkey-provider': 'openai', authorization: 'Bearer sk', 'x-portkey-custom-host': `${upstream.origin}/v1`, 'x-portkey-request-timeout': '200' } });
      expect(response.status).toBe(408);
      expect((await response.json()).error.code).toBe('request_timeout');
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('ends a stream that goes silent with a timeout error event, not [DONE]', async () => {
      const [upstream] = harness.upstreams;
      upstream.setHandler(slowStream({ count: 6, intervalMs: 20, stallAfter: 3 }));
      const started = Date.now();
      const response = await postChat(harness.gateway, target(upstream, { request_timeout: 300 }), { body: { stream: true } });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('p1 ');
      expect(text).toContain('"code":"stream_idle_timeout"');
      expect(text).not.toContain('[DONE]');
      expect(Date.now() - started).toBeLessThan(1_500);
    });

    it('lets a stream that keeps sending run longer than the timeout', async () => {
      const [upstream] = harness.upstreams;
      upstream.setHandler(slowStream({ count: 8, intervalMs: 80 }));
      const response = await postChat(harness.gateway, target(upstream, { request_timeout: 250 }), { body: { stream: true } });
      const text = await response.text();
      expect(text).toContain('p7 ');
      expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    });
  });
}
