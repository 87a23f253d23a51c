/**
 * A shared deployment: the operator's server-side configs and model aliases hold provider keys,
 * and every request is a possibly hostile client. Nothing a request sends may move those keys to
 * another host, provider, region or header set.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseServerConfig } from '@ai-gateway/core';
import { hanging, healthy, postChat, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import type { RunningGateway } from '../../src/index.js';
import { startTestGateway } from '../node-harness.js';

const operatorKey = 'sk-operator-secret';
const anthropicKey = 'sk-ant-operator-secret';
let operatorUpstream: MockUpstream;
let attacker: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  operatorUpstream = await startMockUpstream(healthy);
  attacker = await startMockUpstream(healthy);
  const serverConfig = parseServerConfig(
    {
      configs: {
        // No custom_host: the operator's targets go to the providers' own hosts. A request that
        // could set one would receive the operator's keys.
        prod: {
          strategy: { mode: 'fallback' },
          targets: [
            { provider: 'openai', api_key: 'env:OPERATOR_OPENAI_KEY' },
            { provider: 'anthropic', api_key: 'env:OPERATOR_ANTHROPIC_KEY' },
          ],
        },
        local: { provider: 'openai', api_key: 'env:OPERATOR_OPENAI_KEY', custom_host: `${operatorUpstream.origin}/v1`, request_timeout: 300 },
        keyless: { provider: 'openai', custom_host: `${operatorUpstream.origin}/v1` },
      },
      models: {
        fast: { provider: 'openai', api_key: 'env:OPERATOR_OPENAI_KEY', override_params: { model: 'gpt-4o-mini' } },
      },
    },
    { OPERATOR_OPENAI_KEY: operatorKey, OPERATOR_ANTHROPIC_KEY: anthropicKey },
  );
  gateway = await startTestGateway({ serverConfig: () => serverConfig, circuitBreaker: false });
});

afterAll(async () => {
  await gateway.close();
  await Promise.all([operatorUpstream.close(), attacker.close()]);
});

beforeEach(() => {
  operatorUpstream.setHandler(healthy);
  operatorUpstream.requests.length = 0;
  attacker.requests.length = 0;
});

async function expectRefused(response: Response, header: string) {
  expect(response.status).toBe(400);
  const { error } = await response.json();
  expect(error.code).toBe('operator_config_override');
  expect(error.param).toBe(header);
  expect(error.message).toContain(header);
  expect(JSON.stringify(error)).not.toContain(operatorKey);
}

describe("operator's targets", () => {
  it('refuses a custom host with a named config, and the key never reaches it', async () => {
    const response = await postChat(gateway, null, { headers: { 'x-portkey-config': 'prod', 'x-portkey-custom-host': `${attacker.origin}/v1` } });
    await expectRefused(response, 'x-portkey-custom-host');
    expect(attacker.requests).toHaveLength(0);
  });

  it('refuses a custom host with a model alias', async () => {
    const response = await postChat(gateway, null, { headers: { 'x-portkey-custom-host': `${attacker.origin}/v1` }, body: { model: 'fast' } });
    await expectRefused(response, 'x-portkey-custom-host');
    expect(attacker.requests).toHaveLength(0);
  });

  it('refuses a provider, forwarded headers and provider settings from the request', async () => {
    await expectRefused(await postChat(gateway, null, { headers: { 'x-portkey-config': 'local', 'x-portkey-provider': 'groq' } }), 'x-portkey-provider');
    await expectRefused(await postChat(gateway, null, { headers: { 'x-portkey-config': 'local', 'x-portkey-forward-headers': 'x-tenant' } }), 'x-portkey-forward-headers');
    await expectRefused(await postChat(gateway, null, { headers: { 'x-portkey-config': 'local', 'x-portkey-aws-region': 'x@127.0.0.1:9/#' } }), 'x-portkey-aws-region');
    await expectRefused(await postChat(gateway, null, { headers: { 'x-portkey-azure-resource-name': 'evil' }, body: { model: 'fast' } }), 'x-portkey-azure-resource-name');
    expect(operatorUpstream.requests).toHaveLength(0);
  });

  it("answers with the operator's key at the operator's host, and accepts what a request may set", async () => {
    const response = await postChat(gateway, null, {
      headers: { 'x-portkey-config': 'local', 'x-portkey-trace-id': 'trace-1', 'x-portkey-metadata': '{"user":"u1"}', 'x-portkey-runtime': 'node', authorization: 'Bearer sk-client' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-portkey-trace-id')).toBe('trace-1');
    expect(operatorUpstream.requests).toHaveLength(1);
    // The operator's key wins over the client's own.
    expect(operatorUpstream.requests[0].headers.authorization).toBe(`Bearer ${operatorKey}`);
  });

  it("uses the client's own key for an operator target that holds none", async () => {
    const response = await postChat(gateway, null, { headers: { 'x-portkey-config': 'keyless', authorization: 'Bearer sk-client' } });
    expect(response.status).toBe(200);
    expect(operatorUpstream.requests[0].headers.authorization).toBe('Bearer sk-client');
  });

  it("applies a request timeout only when it is shorter than the operator's", async () => {
    operatorUpstream.setHandler(hanging);
    let started = Date.now();
    const longer = await postChat(gateway, null, { headers: { 'x-portkey-config': 'local', 'x-portkey-request-timeout': '60000' } });
    expect(longer.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(5_000);
    started = Date.now();
    const shorter = await postChat(gateway, null, { headers: { 'x-portkey-config': 'local', 'x-portkey-request-timeout': '50' } });
    expect(shorter.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(280);
  });

  it('refuses a config file whose target names no provider', () => {
    expect(() => parseServerConfig({ configs: { open: { targets: [{ api_key: 'sk' }] } } }, {})).toThrow(/configs\.open\.targets\[0\].*no provider/);
    expect(() => parseServerConfig({ configs: { inherited: { provider: 'openai', targets: [{ api_key: 'sk' }] } } }, {})).not.toThrow();
  });
});
