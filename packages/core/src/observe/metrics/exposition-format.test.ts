import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../test/parse-exposition.js';
import { attempt, requestRecord } from '../../../test/request-records.js';
import { durationBucketsSeconds, tokenBuckets } from './bucket-boundaries.js';
import { createGatewayMetrics } from './gateway-metrics.js';

const chatLabels = { gen_ai_operation_name: 'chat', gen_ai_provider_name: 'openai', gen_ai_request_model: 'gpt-4o-mini' };

describe('the metrics text', () => {
  it('declares every metric with its help and type, also before any request', () => {
    const exposition = parseExposition(createGatewayMetrics().render());
    expect(Object.fromEntries([...exposition.families].map(([name, family]) => [name, family.type]))).toEqual({
      gen_ai_client_operation_duration_seconds: 'histogram',
      gen_ai_client_token_usage: 'histogram',
      ai_gateway_requests_total: 'counter',
      ai_gateway_upstream_attempts_total: 'counter',
      ai_gateway_cost_usd_total: 'counter',
      ai_gateway_time_to_first_token_seconds: 'histogram',
      ai_gateway_in_flight_requests: 'gauge',
    });
    for (const family of exposition.families.values()) expect(family.help).not.toBe('');
  });

  it('gives histograms the convention buckets, cumulated, with +Inf, sum and count', () => {
    const metrics = createGatewayMetrics();
    // 10 ms falls in le="0.01" (less than or equal), 10.5 ms in the next; 100 s is above the last boundary.
    for (const latency of [4, 10, 10.5, 700, 100_000]) metrics.observe(requestRecord({ attempts: [attempt({ latency_ms: latency })] }));
    const histogram = parseExposition(metrics.render()).histogram('gen_ai_client_operation_duration_seconds', chatLabels);

    expect(histogram?.buckets.map(([le]) => le)).toEqual([...durationBucketsSeconds.map(String), '+Inf']);
    expect(Object.fromEntries(histogram?.buckets ?? [])).toEqual({
      '0.01': 2,
      '0.02': 3,
      '0.04': 3,
      '0.08': 3,
      '0.16': 3,
      '0.32': 3,
      '0.64': 3,
      '1.28': 4,
      '2.56': 4,
      '5.12': 4,
      '10.24': 4,
      '20.48': 4,
      '40.96': 4,
      '81.92': 4,
      '+Inf': 5,
    });
    expect(histogram?.count).toBe(5);
    expect(histogram?.sum).toBeCloseTo(100.7245, 9);
  });

  it('uses the token buckets of gen_ai.client.token.usage', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ tokens: { input: 70_000_000, output: 1, cached: null, reasoning: null } }));
    const exposition = parseExposition(metrics.render());
    const input = exposition.histogram('gen_ai_client_token_usage', { ...chatLabels, gen_ai_token_type: 'input' });
    expect(input?.buckets.map(([le]) => le)).toEqual([...tokenBuckets.map(String), '+Inf']);
    expect(input?.buckets.at(-2)).toEqual(['67108864', 0]);
    expect(input?.buckets.at(-1)).toEqual(['+Inf', 1]);
    expect(exposition.histogram('gen_ai_client_token_usage', { ...chatLabels, gen_ai_token_type: 'output' })?.buckets[0]).toEqual(['1', 1]);
  });

  it('escapes label values so any model name reads back as it was sent', () => {
    const names = ['say "hi"', 'C:\\models\\', 'two\nlines', 'back\\nslash-n', 'modèle-日本', '{a="b"}, c'];
    const metrics = createGatewayMetrics();
    for (const model of names) metrics.observe(requestRecord({ model, attempts: [attempt({ model })] }));
    const text = metrics.render();
    const exposition = parseExposition(text);

    for (const model of names) {
      expect(exposition.value('ai_gateway_requests_total', { provider: 'openai', model, status_code: '200', cache_status: 'DISABLED' })).toBe(1);
      expect(exposition.histogram('gen_ai_client_operation_duration_seconds', { ...chatLabels, gen_ai_request_model: model })?.count).toBe(1);
    }
    // One sample per line: a line feed inside a value never starts a new one.
    expect(text.split('\n').filter((line) => line.startsWith('ai_gateway_requests_total{'))).toHaveLength(names.length);
  });

  it('costs little to render with 100 series (printed, not asserted)', () => {
    const metrics = createGatewayMetrics();
    for (let index = 0; index < 100; index++) {
      const model = `model-${index}`;
      metrics.observe(requestRecord({ model, stream: true, attempts: [attempt({ model })] }));
    }
    const rounds = 50;
    const started = performance.now();
    let text = '';
    for (let round = 0; round < rounds; round++) text = metrics.render();
    const perRender = (performance.now() - started) / rounds;
    const exposition = parseExposition(text);
    const seriesCount = exposition.samples.filter((sample) => !sample.name.endsWith('_bucket') && !sample.name.endsWith('_sum')).length;
    console.log(`[metrics] render: ${perRender.toFixed(3)} ms for ${seriesCount} series (100 models in each metric), ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(1)} KiB`);
    expect(exposition.series('ai_gateway_requests_total')).toHaveLength(100);
  });
});
