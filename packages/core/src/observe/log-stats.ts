/**
 * `GET /public/api/stats`: requests, errors, latency and time-to-first-token percentiles, tokens
 * and cost, per time bucket and per provider and model, computed from the store's rows.
 */
import type { LogStatsRowV1 } from '@ai-gateway/spec';
import { invalidRequest } from '@ai-gateway/provider-utils';

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface StatsGroup {
  requests: number;
  errors: number;
  latency_ms: Percentiles;
  ttfb_ms: Percentiles;
  tokens: { input: number; output: number };
  /** Null when no request of the group had a known price. */
  cost: number | null;
}

export interface StatsAnswer {
  from: number;
  to: number;
  bucket_ms: number;
  /** Whether the rows were cut at the limit (the oldest left out). */
  partial: boolean;
  totals: StatsGroup;
  buckets: (StatsGroup & { start: number })[];
  by_model: (StatsGroup & { provider: string | null; model: string | null })[];
}

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Most buckets one answer has: a range too long for the bucket asked gets a coarser one. */
const maxBuckets = 1000;

/** `5m`, `1h`, `30s`, or milliseconds. */
export function parseBucket(text: string | null, rangeMs: number): number {
  if (text === null) return Math.max(1000, Math.ceil(rangeMs / 60 / 1000) * 1000);
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text);
  if (!match || Number(match[1]) === 0) throw invalidRequest(`Invalid bucket '${text}': give a duration like 30s, 5m, 1h or 1d.`, 'bucket', 'invalid_query');
  const size = Number(match[1]) * (match[2] && match[2] !== 'ms' ? units[match[2]] : 1);
  return Math.max(size, Math.ceil(rangeMs / maxBuckets));
}

function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: null, p95: null, p99: null };
  values.sort((a, b) => a - b);
  const at = (fraction: number) => values[Math.min(values.length - 1, Math.ceil(fraction * values.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function isError(row: LogStatsRowV1): boolean {
  return row.status >= 400 || row.error !== null;
}

function summarise(rows: readonly LogStatsRowV1[]): StatsGroup {
  let errors = 0;
  let input = 0;
  let output = 0;
  let cost: number | null = null;
  const latencies: number[] = [];
  const ttfbs: number[] = [];
  for (const row of rows) {
    if (isError(row)) errors += 1;
    latencies.push(row.latency_ms);
    if (row.ttfb_ms !== null) ttfbs.push(row.ttfb_ms);
    input += row.tokens.input ?? 0;
    output += row.tokens.output ?? 0;
    if (row.cost !== null) cost = (cost ?? 0) + row.cost;
  }
  return { requests: rows.length, errors, latency_ms: percentiles(latencies), ttfb_ms: percentiles(ttfbs), tokens: { input, output }, cost };
}

export function computeStats(rows: readonly LogStatsRowV1[], from: number, to: number, bucketMs: number, partial: boolean): StatsAnswer {
  const bucketRows = new Map<number, LogStatsRowV1[]>();
  const modelRows = new Map<string, { provider: string | null; model: string | null; rows: LogStatsRowV1[] }>();
  for (const row of rows) {
    const start = from + Math.floor((row.started_at - from) / bucketMs) * bucketMs;
    const inBucket = bucketRows.get(start);
    if (inBucket) inBucket.push(row);
    else bucketRows.set(start, [row]);
    const key = `${row.provider}\u0000${row.model}`;
    const group = modelRows.get(key);
    if (group) group.rows.push(row);
    else modelRows.set(key, { provider: row.provider, model: row.model, rows: [row] });
  }
  return {
    from,
    to,
    bucket_ms: bucketMs,
    partial,
    totals: summarise(rows),
    buckets: [...bucketRows.entries()].sort(([a], [b]) => a - b).map(([start, inBucket]) => ({ start, ...summarise(inBucket) })),
    by_model: [...modelRows.values()].map((group) => ({ provider: group.provider, model: group.model, ...summarise(group.rows) })).sort((a, b) => b.requests - a.requests),
  };
}
