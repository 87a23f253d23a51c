/**
 * The circuit breaker against a real failing upstream, set through the environment
 * (`AI_GATEWAY_CIRCUIT_FAILURES=2`, `AI_GATEWAY_CIRCUIT_COOLDOWN_MS=300`): it opens after two
 * consecutive failures (the target then gets no traffic), probes after the cool-down and closes
 * on success; circuits are kept per key, and clients that go away are not failures.
 */
import { describe, expect, it } from 'vitest';
import { failing, hanging, named } from '../upstream-handlers.js';
import { contentOf, postChat, target, useGatewayHarness, type StartGateway } from './harness.js';

const cooldownMs = 300;

export function describeCircuitBreaker(name: string, start: StartGateway): void {
  describe(`circuit breaker on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 2, environment: { AI_GATEWAY_CIRCUIT_FAILURES: '2', AI_GATEWAY_CIRCUIT_COOLDOWN_MS: String(cooldownMs) } });

    it('opens after consecutive failures, skips the target, probes after the cool-down and closes', async () => {
      const [flaky, spare] = harness.upstreams;
      flaky.setHandler(failing(503));
      spare.setHandler(named('spare'));
      const config = { strategy: { mode: 'fallback' }, targets: [target(flaky), target(spare)] };

      expect(await contentOf(await postChat(harness.gateway, config))).toBe('spare');
      expect(await contentOf(await postChat(harness.gateway, config))).toBe('spare');
      expect(flaky.requests).toHaveLength(2);

      // Open: the flaky target is not even called.
      const skipped = await postChat(harness.gateway, config);
      expect(await contentOf(skipped)).toBe('spare');
      expect(flaky.requests).toHaveLength(2);

      // After the cool-down one probe goes through; the target has recovered, so the circuit closes.
      await new Promise((resolve) => setTimeout(resolve, cooldownMs + 50));
      flaky.setHandler(named('recovered'));
      const probe = await postChat(harness.gateway, config);
      expect(await contentOf(probe)).toBe('recovered');
      expect(probe.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[0]');
      expect(await contentOf(await postChat(harness.gateway, config))).toBe('recovered');
    });

    it('answers 503 circuit_open when the only target is open', async () => {
      const [, lonely] = harness.upstreams;
      lonely.setHandler(failing(500));
      const config = target(lonely, { name: 'lonely' });
      await (await postChat(harness.gateway, config)).arrayBuffer();
      await (await postChat(harness.gateway, config)).arrayBuffer();
      const before = lonely.requests.length;
      const response = await postChat(harness.gateway, config);
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('circuit_open');
      expect(lonely.requests.length).toBe(before);
    });

    it('keeps separate circuits for separate keys, so one tenant cannot trip another', async () => {
      const [shared] = harness.upstreams;
      shared.setHandler(failing(429));
      const tenantA = target(shared, { api_key: 'sk-tenant-a', name: 'shared' });
      await (await postChat(harness.gateway, tenantA)).arrayBuffer();
      await (await postChat(harness.gateway, tenantA)).arrayBuffer();
      expect((await postChat(harness.gateway, tenantA)).status).toBe(503);

      shared.setHandler(named('tenant b is fine'));
      const tenantB = target(shared, { api_key: 'sk-tenant-b', name: 'shared' });
      expect(await contentOf(await postChat(harness.gateway, tenantB))).toBe('tenant b is fine');
    });

    it('does not count clients that go away as failures of the target', async () => {
      const [patient] = harness.upstreams;
      patient.setHandler(hanging);
      const config = target(patient, { name: 'patient' });
      for (let index = 0; index < 3; index += 1) {
        await postChat(harness.gateway, config, { signal: AbortSignal.timeout(100) }).catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      patient.setHandler(named('still trusted'));
      expect(await contentOf(await postChat(harness.gateway, config))).toBe('still trusted');
    });
  });
}
