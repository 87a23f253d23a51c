/** Fallback against real failing upstreams, with the official openai SDK as the client. */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { closedPort, failing, hanging, named } from '../upstream-handlers.js';
import { contentOf, postChat, target, useGatewayHarness, withoutCircuitBreaker, type StartGateway } from './harness.js';

export function describeFallback(name: string, start: StartGateway): void {
  describe(`fallback on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 3, environment: withoutCircuitBreaker });

    function sdk(config: unknown) {
      return new OpenAI({ apiKey: 'unused', baseURL: `${harness.gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });
    }

    it('moves to the next target when the first answers 503, and says which answered', async () => {
      const [first, second] = harness.upstreams;
      first.setHandler(failing(503));
      second.setHandler(named('second'));
      const config = { strategy: { mode: 'fallback' }, targets: [target(first), target(second)] };
      const { data, response } = await sdk(config).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      expect(data.choices[0].message.content).toBe('second');
      expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
      expect(first.requests).toHaveLength(1);
      expect(second.requests).toHaveLength(1);
    });

    it('streams from the fallback target when the first fails before any byte', async () => {
      const [first, second] = harness.upstreams;
      first.setHandler(failing(500));
      second.setHandler(named('streamed-by-second'));
      const config = { strategy: { mode: 'fallback' }, targets: [target(first), target(second)] };
      const stream = await sdk(config).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      expect(text).toBe('streamed-by-second');
    });

    it('only falls back on the statuses on_status_codes names', async () => {
      const [first, second] = harness.upstreams;
      first.setHandler(failing(500, {}, 'the first target broke'));
      const config = { strategy: { mode: 'fallback', on_status_codes: [429] }, targets: [target(first), target(second)] };
      const failure = await sdk(config).chat.completions.create({ model: 'm', messages: [] }).catch((error) => error);
      expect(failure).toBeInstanceOf(OpenAI.InternalServerError);
      expect(failure.message).toContain('the first target broke');
      expect(second.requests).toHaveLength(0);

      first.setHandler(failing(429));
      expect(await contentOf(await postChat(harness.gateway, config))).toBeTruthy();
      expect(second.requests).toHaveLength(1);
    });

    it('treats a refused connection and a timeout as failures, even with on_status_codes set', async () => {
      const [slow, healthyUpstream] = harness.upstreams;
      slow.setHandler(hanging);
      healthyUpstream.setHandler(named('rescued'));
      const port = await closedPort();
      const config = {
        strategy: { mode: 'fallback', on_status_codes: [429] },
        targets: [target(`http://127.0.0.1:${port}/v1`), target(slow, { request_timeout: 150 }), target(healthyUpstream)],
      };
      const started = Date.now();
      const response = await postChat(harness.gateway, config);
      expect(await contentOf(response)).toBe('rescued');
      expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[2]');
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('answers with the last error and its status when every target fails', async () => {
      const [first, second] = harness.upstreams;
      first.setHandler(failing(503, {}, 'first is down'));
      second.setHandler(failing(429, {}, 'second is rate limited'));
      const response = await postChat(harness.gateway, { strategy: { mode: 'fallback' }, targets: [target(first), target(second)] });
      expect(response.status).toBe(429);
      expect((await response.json()).error.message).toBe('second is rate limited');
      expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    });

    it('falls back from a target that cannot serve the endpoint (an error inside the gateway)', async () => {
      const [, second] = harness.upstreams;
      const config = { strategy: { mode: 'fallback' }, targets: [{ provider: 'nomic', api_key: 'x' }, target(second)] };
      const response = await postChat(harness.gateway, config);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    });

    it('walks nested strategies and reports the nested path', async () => {
      const [first, second, third] = harness.upstreams;
      first.setHandler(failing(502));
      second.setHandler(failing(503));
      third.setHandler(named('deep'));
      const config = {
        strategy: { mode: 'fallback' },
        targets: [
          target(first),
          { strategy: { mode: 'fallback' }, targets: [target(second), { strategy: { mode: 'loadbalance' }, targets: [target(third)] }] },
        ],
      };
      const response = await postChat(harness.gateway, config);
      expect(await contentOf(response)).toBe('deep');
      expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1].targets[1].targets[0]');
    });

    it('lets nested targets inherit retry, override_params and keys from their parent', async () => {
      const [first] = harness.upstreams;
      const config = { override_params: { model: 'gpt-4o' }, api_key: 'sk-parent', provider: 'openai', strategy: { mode: 'fallback' }, targets: [{ custom_host: `${first.origin}/v1` }] };
      expect((await postChat(harness.gateway, config)).status).toBe(200);
      expect(first.requests[0].json.model).toBe('gpt-4o');
      expect(first.requests[0].headers.authorization).toBe('Bearer sk-parent');
    });

    it('falls back when a plain answer breaks off mid-body, before anything reached the client', async () => {
      const [broken, spare] = harness.upstreams;
      broken.setHandler((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        response.write('{"id":"chatcmpl-');
        setTimeout(() => response.socket?.destroy(), 20);
      });
      spare.setHandler(named('whole answer'));
      const response = await postChat(harness.gateway, { strategy: { mode: 'fallback' }, targets: [target(broken), target(spare)] });
      expect(await contentOf(response)).toBe('whole answer');
      expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    });
  });
}
