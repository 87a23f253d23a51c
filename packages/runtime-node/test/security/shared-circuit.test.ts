/**
 * One tenant must not deny service to the others: failures a client causes itself (its own short
 * timeout, its disconnect) never open a circuit that other clients depend on.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseServerConfig } from '@ai-gateway/core';
import { failing, healthy, named, postChat, sequence, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import type { RunningGateway } from '../../src/index.js';
import { startTestGateway } from '../node-harness.js';

let upstream: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startMockUpstream(healthy);
  const serverConfig = parseServerConfig({ configs: { shared: { provider: 'openai', api_key: 'sk-operator', custom_host: `${upstream.origin}/v1` } } }, {});
  gateway = await startTestGateway({ serverConfig: () => serverConfig, circuitBreaker: { failureThreshold: 3, cooldownMs: 300 } });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

beforeEach(() => {
  upstream.requests.length = 0;
});

describe('shared circuits', () => {
  it("a tenant's own 1 ms timeouts on a shared config leave the circuit closed for everyone", async () => {
    upstream.setHandler(named('slow but fine', 100));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await postChat(gateway, null, { headers: { 'x-portkey-config': 'shared', 'x-portkey-request-timeout': '1' } });
      expect(response.status).toBe(408);
    }
    const other = await postChat(gateway, null, { headers: { 'x-portkey-config': 'shared' } });
    expect(other.status).toBe(200);
  });

  it('a keyless local model is shared too: short client timeouts do not open its circuit', async () => {
    upstream.setHandler(named('local model', 100));
    const localModel = { provider: 'openai', custom_host: `${upstream.origin}/v1` };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await postChat(gateway, localModel, { headers: { 'x-portkey-request-timeout': '1' } });
      expect(response.status).toBe(408);
    }
    expect((await postChat(gateway, localModel)).status).toBe(200);
  });

  it('a probe call whose client went away frees the probe, so the next call can close the circuit', async () => {
    upstream.setHandler(sequence(failing(500), failing(500), failing(500), named('slow', 500), healthy));
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await postChat(gateway, null, { headers: { 'x-portkey-config': 'shared' } })).status).toBe(500);
    expect((await postChat(gateway, null, { headers: { 'x-portkey-config': 'shared' } })).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 350));
    // The probe: its client gives up before the upstream answers.
    await expect(postChat(gateway, null, { headers: { 'x-portkey-config': 'shared' }, signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await postChat(gateway, null, { headers: { 'x-portkey-config': 'shared' } });
    expect(next.status).toBe(200);
  });
});
