/**
 * The request log, read back the same way on every runtime: a request's record by its trace id
 * (as soon as its answer has ended), with its attempts, status and tokens; the list filtered by
 * status; `/metrics` in Prometheus' text format. The control plane is reached with the operator's
 * admin token, which a Worker requires (it is open on a loopback Node or Bun gateway anyway).
 */
import type { RequestRecordV1 } from '@ai-gateway/core';
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../prometheus-exposition.js';
import { failing } from '../upstream-handlers.js';
import { postChat, target, useGatewayHarness, withoutCircuitBreaker, type RunningRuntime, type StartGateway } from './harness.js';

const adminToken = 'behaviour-admin-token-3e8d';
/** Keeps this topic's records apart from those of other topics and runs sharing a log (a Node gateway's SQLite file). */
const run = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function admin(gateway: RunningRuntime, path: string): Promise<Response> {
  return fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
}

/** The record of `traceId`: at once for an answer read whole, after a few tries for a stream (its record is made as it ends). */
async function recordOf(gateway: RunningRuntime, traceId: string, tries = 1): Promise<RequestRecordV1> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await admin(gateway, `/public/api/logs/${encodeURIComponent(traceId)}`);
    if (response.status === 200) return response.json() as Promise<RequestRecordV1>;
    await response.body?.cancel();
    if (attempt >= tries) throw new Error(`no record for ${traceId}: ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let traces = 0;
function traceHeaders(): { traceId: string; headers: Record<string, string> } {
  traces += 1;
  const traceId = `${run}-${traces}`;
  return { traceId, headers: { 'x-portkey-trace-id': traceId, 'x-portkey-metadata': JSON.stringify({ run }) } };
}

export function describeRequestLog(name: string, start: StartGateway): void {
  describe(`request log on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 2, environment: { ...withoutCircuitBreaker, AI_GATEWAY_ADMIN_TOKEN: adminToken } });

    it('has the record of a request by its trace id as soon as its answer ended', async () => {
      const [upstream] = harness.upstreams;
      const { traceId, headers } = traceHeaders();
      const response = await postChat(harness.gateway, target(upstream), { headers });
      expect(response.status).toBe(200);
      await response.text();
      const record = await recordOf(harness.gateway, traceId);
      expect(record).toMatchObject({
        trace_id: traceId, method: 'POST', path: '/v1/chat/completions', endpoint: 'chatComplete', stream: false, status: 200, error: null,
        provider: 'openai', model: 'gpt-4o-mini', response_model: 'gpt-4o-mini', metadata: { run }, tokens: { input: 9, output: 5 },
      });
      expect(record.attempts).toEqual([expect.objectContaining({ target: 'config', provider: 'openai', outcome: 'success', status: 200 })]);
      expect(record.request_headers).not.toHaveProperty('authorization');
      expect(JSON.parse(record.request_headers['x-portkey-config']!)).toMatchObject({ api_key: '***' });
    });

    it('keeps both attempts of a fallback after a 500', async () => {
      const [first, second] = harness.upstreams;
      first.setHandler(failing(500));
      const { traceId, headers } = traceHeaders();
      const response = await postChat(harness.gateway, { strategy: { mode: 'fallback' }, targets: [target(first), target(second)] }, { headers });
      expect(response.status).toBe(200);
      await response.text();
      const record = await recordOf(harness.gateway, traceId);
      expect(record).toMatchObject({ status: 200, config_path: 'config.targets[1]', tokens: { input: 9, output: 5 } });
      expect(record.attempts.map((attempt) => [attempt.target, attempt.outcome, attempt.status])).toEqual([
        ['config.targets[0]', 'fallback', 500],
        ['config.targets[1]', 'success', 200],
      ]);
      expect(record.attempts[0].error).toContain('upstream says 500');
    });

    it('has the record of a stream once it ended, with its usage', async () => {
      const [upstream] = harness.upstreams;
      const { traceId, headers } = traceHeaders();
      const response = await postChat(harness.gateway, target(upstream), { headers, body: { stream: true, stream_options: { include_usage: true } } });
      expect(await response.text()).toContain('[DONE]');
      const record = await recordOf(harness.gateway, traceId, 40);
      expect(record).toMatchObject({ stream: true, status: 200, error: null, tokens: { input: 9, output: 4 } });
      expect(record.response.text).toContain('[DONE]');
    });

    it('lists the records filtered by status', async () => {
      const [upstream] = harness.upstreams;
      const failed = traceHeaders();
      upstream.setHandler(failing(429));
      await (await postChat(harness.gateway, target(upstream), { headers: failed.headers })).text();
      upstream.setHandler(failing(400));
      const refused = traceHeaders();
      await (await postChat(harness.gateway, target(upstream), { headers: refused.headers })).text();
      const list = async (filter: string) => {
        const response = await admin(harness.gateway, `/public/api/logs?metadata.run=${run}&${filter}`);
        expect(response.status).toBe(200);
        return ((await response.json()) as { data: RequestRecordV1[] }).data.map((record) => record.trace_id);
      };
      expect(await list('status=error')).toEqual([refused.traceId, failed.traceId]);
      expect(await list('status=429')).toEqual([failed.traceId]);
      const answered = await list('status=ok');
      expect(answered.length).toBeGreaterThan(0);
      expect(answered).not.toContain(failed.traceId);
      expect(answered).not.toContain(refused.traceId);
    });

    it('answers /metrics in the Prometheus text format', async () => {
      const [upstream] = harness.upstreams;
      await (await postChat(harness.gateway, target(upstream), { headers: traceHeaders().headers, body: { model: 'behaviour-metrics-model' } })).text();
      const response = await admin(harness.gateway, '/metrics');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const metrics = parseExposition(await response.text());
      expect(metrics.families.get('ai_gateway_requests_total')?.type).toBe('counter');
      expect(metrics.value('ai_gateway_requests_total', { provider: 'openai', model: 'behaviour-metrics-model', status_code: '200', cache_status: 'DISABLED' })).toBe(1);
      expect(metrics.value('ai_gateway_in_flight_requests', {})).toBe(0);
    });
  });
}
