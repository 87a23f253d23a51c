/**
 * Who may read the control plane (the console, the logs API, the stats, `/metrics`) of a Node gateway, set up
 * as an operator does it (`HOST`, `AI_GATEWAY_ADMIN_TOKEN`): open on loopback; beyond loopback
 * absent (404) without a token, even for a caller on 127.0.0.1, and behind the token with one.
 * The chat API answers the same in every case.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withFields } from '@ai-gateway/core';
import { healthy, outsideAddress, postChat, recordingLogger, startMockUpstream, target, type MockUpstream } from '@ai-gateway/testing';
import { readGatewayEnvironment, startGateway, type RunningGateway } from '../../src/index.js';

const adminToken = 'admin-token-7c1f2e9a4b';
const unknownRecordPath = '/public/api/logs/no-such-trace';
const controlPlanePaths = ['/public/', '/public/api/logs', '/public/api/logs/stream', unknownRecordPath, '/public/api/stats', '/metrics'];

let upstream: MockUpstream;
let gateway: RunningGateway | undefined;
beforeAll(async () => {
  upstream = await startMockUpstream(healthy);
});
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});
afterAll(() => upstream.close());

/** Starts the gateway on `host` with the operator's `environment`, as the `ai-gateway` command reads it. */
async function start(host: string, environment: Record<string, string>, logger = recordingLogger()): Promise<RunningGateway> {
  const { gatewayOptions } = readGatewayEnvironment({ AI_GATEWAY_LOG_DB: 'off', ...environment });
  gateway = await startGateway(withFields(gatewayOptions, { host, port: 0, logger }));
  return gateway;
}

/** The status of each control-plane path from 127.0.0.1; a live tail that opens is closed again. */
async function statuses(running: RunningGateway, headers: Record<string, string> = {}): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const path of controlPlanePaths) {
    const response = await fetch(`http://127.0.0.1:${running.port}${path}`, { headers });
    found[path] = response.status;
    await response.body?.cancel();
  }
  return found;
}

/** Every path answering `status`; where access is granted, the record of an unknown trace id is still not found. */
function every(status: number): Record<string, number> {
  return Object.fromEntries(controlPlanePaths.map((path) => [path, path === unknownRecordPath && status === 200 ? 404 : status]));
}

async function chatWorks(running: RunningGateway): Promise<void> {
  const response = await postChat({ url: `http://127.0.0.1:${running.port}`, close: async () => {} }, target(upstream));
  expect(response.status).toBe(200);
  await response.text();
}

describe('the control plane of a gateway on loopback', () => {
  it('is open, without a token', async () => {
    const running = await start('127.0.0.1', {});
    await chatWorks(running);
    expect(await statuses(running)).toEqual(every(200));
  });
});

describe('the control plane of a gateway listening beyond loopback', () => {
  it('does not exist without AI_GATEWAY_ADMIN_TOKEN, even from 127.0.0.1, and start-up says so', async () => {
    const logger = recordingLogger();
    const running = await start('0.0.0.0', {}, logger);
    await chatWorks(running);
    expect(await statuses(running)).toEqual(every(404));
    // Not even a right-looking token opens it.
    expect(await statuses(running, { authorization: `Bearer ${adminToken}` })).toEqual(every(404));
    const warning = logger.lines.find((line) => line.level === 'warn' && line.message.includes('AI_GATEWAY_ADMIN_TOKEN'));
    expect(warning?.message).toContain('/metrics');
  });

  it('needs the admin token when AI_GATEWAY_ADMIN_TOKEN is set', async () => {
    const logger = recordingLogger();
    // AI_GATEWAY_REQUIRE_KEYS=false: an open gateway on purpose, so no warning is expected at all.
    const running = await start('0.0.0.0', { AI_GATEWAY_ADMIN_TOKEN: adminToken, AI_GATEWAY_REQUIRE_KEYS: 'false' }, logger);
    await chatWorks(running);
    expect(await statuses(running)).toEqual(every(401));
    expect(await statuses(running, { authorization: `Bearer ${adminToken}x` })).toEqual(every(401));
    expect(await statuses(running, { authorization: adminToken })).toEqual(every(401));
    expect(await statuses(running, { authorization: `Bearer ${adminToken}` })).toEqual(every(200));
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
    const refused = await fetch(`http://127.0.0.1:${running.port}/metrics`);
    expect(await refused.json()).toMatchObject({ error: { type: 'authentication_error', code: 'invalid_admin_token' } });
  });

  it.skipIf(!outsideAddress)("answers the same through the machine's outside address", async () => {
    const running = await start('0.0.0.0', { AI_GATEWAY_ADMIN_TOKEN: adminToken });
    const outside = `http://${outsideAddress}:${running.port}`;
    expect((await fetch(`${outside}/public/api/logs`)).status).toBe(401);
    const allowed = await fetch(`${outside}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('ai_gateway_in_flight_requests');
  });
});
