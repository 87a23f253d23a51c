/**
 * Every kind of bad input answers a clear OpenAI-shaped error quickly, never with the client's
 * key in it, and the gateway keeps serving: each case is followed by a request that must still work.
 */
import { describe, expect, it } from 'vitest';
import { startMockUpstream } from '../mock-upstream.js';
import { closedPort, healthy } from '../upstream-handlers.js';
import type { GatewayBehaviourOptions, StartGateway } from './harness.js';
import { useOpenAIHarness } from './openai-harness.js';

const bodyLimit = 64 * 1024;
const clientKey = 'sk-test-bad-input';

async function expectOpenAIError(response: Response, status: number, messagePattern: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const text = await response.text();
  expect(text).not.toContain(clientKey);
  const body = JSON.parse(text);
  expect(body).toEqual({ error: { message: expect.any(String), type: expect.any(String), param: expect.toBeOneOf([null, expect.any(String)]), code: expect.toBeOneOf([null, expect.any(String)]) } });
  expect(body.error.message).toMatch(messagePattern);
  return body.error;
}

export function describeBadInput(name: string, start: StartGateway, options: GatewayBehaviourOptions = {}): void {
  describe(`bad input on ${name}`, () => {
    const harness = useOpenAIHarness(start, { AI_GATEWAY_MAX_BODY_BYTES: String(bodyLimit) });
    const { routeHeaders } = harness;

    function chat(headers: Record<string, string>, body: BodyInit = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })) {
      return fetch(`${harness.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}`, ...headers },
        body,
        signal: AbortSignal.timeout(2_000),
      });
    }

    async function expectStillWorking() {
      const response = await chat(routeHeaders());
      expect(response.status).toBe(200);
    }

    it('rejects a body that is not JSON', async () => {
      const error = await expectOpenAIError(await chat(routeHeaders(), '{"model": "gpt", '), 400, /not valid JSON/);
      expect(error.type).toBe('invalid_request_error');
      await expectStillWorking();
    });

    it('rejects a config header that is not JSON', async () => {
      const error = await expectOpenAIError(await chat({ 'x-portkey-config': '{not json' }), 400, /x-portkey-config.*not valid JSON/);
      expect(error.param).toBe('x-portkey-config');
      await expectStillWorking();
    });

    it('rejects an invalid config and names the offending field', async () => {
      const config = { strategy: { mode: 'fallback' }, targets: [{ provider: 'openai' }, { provider: 'openai', weight: 'heavy' }] };
      const error = await expectOpenAIError(await chat({ 'x-portkey-config': JSON.stringify(config) }), 400, /targets\[1\]\.weight/);
      expect(error.param).toBe('targets[1].weight');
      const badMode = await expectOpenAIError(await chat({ 'x-portkey-config': JSON.stringify({ strategy: { mode: 'random' }, targets: [] }) }), 400, /strategy\.mode/);
      expect(badMode.code).toBe('invalid_config');
      await expectStillWorking();
    });

    it('refuses a config or header that asks for what is not built, instead of dropping it', async () => {
      const before = harness.upstream.requests.length;
      const guarded = { provider: 'openai', custom_host: `${harness.upstream.origin}/v1`, input_guardrails: [{ 'acme.not-installed': {}, deny: true }] };
      const config = await expectOpenAIError(await chat({ 'x-portkey-config': JSON.stringify(guarded) }), 400, /input_guardrails\[0\]\.acme\.not-installed.*unknown guardrail check/);
      expect(config.code).toBe('invalid_config');
      const header = await expectOpenAIError(await chat({ 'x-portkey-virtual-key': 'vk-openai', ...routeHeaders() }), 400, /Unknown virtual key 'vk-openai'/);
      expect(header.param).toBe('x-portkey-virtual-key');
      expect(header.code).toBe('virtual_key_not_found');
      expect(harness.upstream.requests.length).toBe(before);
      await expectStillWorking();
    });

    it('rejects an unknown provider, listing the known ones', async () => {
      await expectOpenAIError(await chat({ 'x-portkey-provider': 'not-a-provider' }), 400, /Unknown provider 'not-a-provider'.*openai/);
      await expectStillWorking();
    });

    it('rejects a request with no provider', async () => {
      await expectOpenAIError(await chat({}), 400, /No provider given/);
      await expectStillWorking();
    });

    it('rejects an endpoint the provider does not support', async () => {
      const response = await fetch(`${harness.gateway.url}/v1/images/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x', 'x-portkey-provider': 'perplexity-ai', 'x-portkey-custom-host': harness.upstream.origin },
        body: JSON.stringify({ prompt: 'a cat' }),
      });
      const error = await expectOpenAIError(response, 400, /perplexity-ai' does not support POST \/v1\/images\/generations/);
      expect(error.code).toBe('unsupported_endpoint');
      await expectStillWorking();
    });

    it('answers 502 when the upstream refuses the connection, without leaking the key', async () => {
      const port = await closedPort();
      const started = Date.now();
      const response = await chat({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `http://127.0.0.1:${port}/v1` });
      const error = await expectOpenAIError(response, 502, /Could not reach openai at http:\/\/127\.0\.0\.1:\d+: /);
      if (options.refusedConnectionReason) expect(error.message).toMatch(options.refusedConnectionReason);
      expect(error.code).toBe('upstream_unreachable');
      expect(Date.now() - started).toBeLessThan(1_000);
      await expectStillWorking();
    });

    it('answers 413 for a body over the configured limit', async () => {
      const huge = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(bodyLimit) }] });
      await expectOpenAIError(await chat(routeHeaders(), huge), 413, /larger than this gateway's limit of 65536 bytes/);
      await expectStillWorking();
    });

    it('refuses custom hosts with other schemes or on link-local addresses', async () => {
      await expectOpenAIError(await chat({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': 'file:///etc/passwd' }), 400, /scheme 'file:' is not allowed/);
      await expectOpenAIError(await chat({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': 'http://169.254.169.254/latest' }), 400, /link-local/);
      await expectOpenAIError(await chat({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': 'http://[fe80::1]/v1' }), 400, /link-local/);
      expect(harness.upstream.requests.some((request) => request.url.includes('latest'))).toBe(false);
      await expectStillWorking();
    });

    it('passes an upstream error through with its status and message', async () => {
      harness.upstream.setHandler((_, response) => {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }));
      });
      const error = await expectOpenAIError(await chat(routeHeaders()), 401, /Incorrect API key provided/);
      expect(error.code).toBe('invalid_api_key');
      harness.upstream.setHandler(healthy);
      await expectStillWorking();
    });

    it('never follows an upstream redirect (it could lead the key to a link-local address)', async () => {
      const decoy = await startMockUpstream(healthy);
      harness.upstream.setHandler((_, response) => {
        response.writeHead(302, { location: `${decoy.origin}/v1/chat/completions` });
        response.end();
      });
      try {
        const response = await chat(routeHeaders());
        expect(response.status).toBe(502);
        expect((await response.json()).error.code).toBe('upstream_redirect');
        expect(decoy.requests).toHaveLength(0);
      } finally {
        await decoy.close();
      }
      harness.upstream.setHandler(healthy);
      await expectStillWorking();
    });

    it('answers an OpenAI-shaped 404 outside /v1', async () => {
      await expectOpenAIError(await fetch(`${harness.gateway.url}/nope`), 404, /Not found/);
    });
  });
}
