/**
 * The shared `AI_GATEWAY_*` settings as the target reads them from its own environment (process
 * env, Bun's env, a Worker's vars): the body limit and the custom-host allowlist answer as the
 * operator set them. Other topics rely on the circuit-breaker settings.
 */
import { describe, expect, it } from 'vitest';
import { useGatewayHarness, type StartGateway } from './harness.js';

const environment = { AI_GATEWAY_MAX_BODY_BYTES: '1000', AI_GATEWAY_CUSTOM_HOST_ALLOWLIST: 'allowed.example' };

export function describeSettings(name: string, start: StartGateway): void {
  describe(`settings on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 0, environment });

    function chat(headers: Record<string, string>, content = 'hi') {
      return fetch(`${harness.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', ...headers },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
      });
    }

    it('takes the body limit from AI_GATEWAY_MAX_BODY_BYTES', async () => {
      const response = await chat({}, 'x'.repeat(2_000));
      expect(response.status).toBe(413);
    });

    it('takes the custom-host allowlist from AI_GATEWAY_CUSTOM_HOST_ALLOWLIST', async () => {
      const response = await chat({ 'x-portkey-custom-host': 'http://127.0.0.1:9/v1' });
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('custom_host_not_allowed');
    });
  });
}
