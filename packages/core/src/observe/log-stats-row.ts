import type { LogStatsRowV1, RequestRecordV1 } from '@ai-gateway/spec';

/** The fields of a record the stats are computed from (what `LogStoreV1.statsRows` gives). */
export function logStatsRowOf(record: RequestRecordV1): LogStatsRowV1 {
  return {
    started_at: record.started_at,
    status: record.status,
    error: record.error,
    provider: record.provider,
    model: record.model,
    latency_ms: record.latency_ms,
    ttfb_ms: record.ttfb_ms,
    tokens: record.tokens,
    cost: record.cost,
  };
}
