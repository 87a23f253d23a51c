/**
 * The gateway's request headers: trace id, forwarded headers, provider settings, the key from
 * `x-portkey-api-key`, and a single-target `x-portkey-config` with override_params.
 */
import { describe, expect, it } from 'vitest';
import type { StartGateway } from './harness.js';
import { useOpenAIHarness } from './openai-harness.js';

export function describeRequestHeaders(name: string, start: StartGateway): void {
  describe(`request headers on ${name}`, () => {
    const harness = useOpenAIHarness(start);

    function chat(headers: Record<string, string>, body: unknown = { model: 'm', messages: [] }) {
      return fetch(`${harness.gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    }

    it('echoes a given trace id', async () => {
      const response = await chat({ authorization: 'Bearer sk-1', ...harness.routeHeaders(), 'x-portkey-trace-id': 'trace-123' });
      expect(response.headers.get('x-portkey-trace-id')).toBe('trace-123');
    });

    it('forwards only the headers x-portkey-forward-headers names', async () => {
      await chat({ authorization: 'Bearer sk-1', ...harness.routeHeaders(), 'x-portkey-forward-headers': 'x-tenant, x-user', 'x-tenant': 'acme', 'x-user': 'ada', 'x-secret': 'keep-me-here' });
      const received = harness.lastUpstreamRequest();
      expect(received.headers['x-tenant']).toBe('acme');
      expect(received.headers['x-user']).toBe('ada');
      expect(received.headers['x-secret']).toBeUndefined();
    });

    it("sends provider settings from x-portkey-* headers upstream as the provider's own headers", async () => {
      await chat({ authorization: 'Bearer sk-1', ...harness.routeHeaders(), 'X-Portkey-OpenAI-Organization': 'org-acme', 'x-portkey-openai-project': 'proj-7' });
      const received = harness.lastUpstreamRequest();
      expect(received.headers['openai-organization']).toBe('org-acme');
      expect(received.headers['openai-project']).toBe('proj-7');
    });

    it('takes the provider key from x-portkey-api-key when there is no Authorization header', async () => {
      await chat({ 'x-portkey-api-key': 'sk-from-portkey-header', ...harness.routeHeaders() });
      expect(harness.lastUpstreamRequest().headers.authorization).toBe('Bearer sk-from-portkey-header');
    });

    it('routes by a single-target x-portkey-config and applies its override_params', async () => {
      const config = { targets: [{ provider: 'openai', api_key: 'sk-from-config', custom_host: `${harness.upstream.origin}/v1`, override_params: { model: 'gpt-4o' } }] };
      const response = await chat({ 'x-portkey-config': JSON.stringify(config) }, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      expect(response.status).toBe(200);
      expect((await response.json()).model).toBe('gpt-4o');
      const received = harness.lastUpstreamRequest();
      expect(received.headers.authorization).toBe('Bearer sk-from-config');
      expect(received.json.model).toBe('gpt-4o');
      expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[0]');
    });
  });
}
