import type { LogStatsRowV1 } from '@ai-gateway/spec';
import { describe, expect, it } from 'vitest';
import { computeStats, parseBucket } from './log-stats.js';

const row = (started_at: number, latency_ms: number, fields: Partial<LogStatsRowV1> = {}): LogStatsRowV1 => ({
  started_at, status: 200, error: null, provider: 'openai', model: 'gpt-4o', latency_ms, ttfb_ms: null, tokens: { input: 10, output: 5, cached: null, reasoning: null }, cost: 0.001, ...fields,
});

describe('stats of the request log', () => {
  it('per bucket and per model, with percentiles, errors, tokens and cost', () => {
    const rows = [
      ...Array.from({ length: 100 }, (_, index) => row(1_000 + index, index + 1)),
      row(61_000, 500, { status: 502, error: { message: 'down', type: null, code: null }, provider: 'anthropic', model: 'claude', cost: null, ttfb_ms: 120 }),
    ];
    const stats = computeStats(rows, 0, 120_000, 60_000, false);
    expect(stats.totals).toMatchObject({ requests: 101, errors: 1, tokens: { input: 1010, output: 505 } });
    expect(stats.totals.cost).toBeCloseTo(0.1);
    expect(stats.buckets.map((bucket) => [bucket.start, bucket.requests])).toEqual([[0, 100], [60_000, 1]]);
    expect(stats.buckets[0].latency_ms).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(stats.buckets[1]).toMatchObject({ errors: 1, cost: null, ttfb_ms: { p50: 120, p95: 120, p99: 120 } });
    expect(stats.by_model.map((group) => [group.provider, group.model, group.requests])).toEqual([['openai', 'gpt-4o', 100], ['anthropic', 'claude', 1]]);
  });

  it('reads bucket sizes, and coarsens one that would make too many buckets', () => {
    expect(parseBucket('5m', 3_600_000)).toBe(300_000);
    expect(parseBucket('30s', 3_600_000)).toBe(30_000);
    expect(parseBucket('1s', 86_400_000)).toBe(86_400);
    expect(parseBucket(null, 3_600_000)).toBe(60_000);
    expect(() => parseBucket('soon', 1000)).toThrow(/bucket/);
  });
});
