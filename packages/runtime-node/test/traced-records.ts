/** Request records as core writes them with tracing on: the ids are the ones in the traceparent headers. */
import type { AttemptRecordV1, RequestRecordV1 } from '@ai-gateway/core';
// By its path, not the package: the Bun fixture imports this file, and the package's index brings vitest.
import { sampleRequestRecord } from '../../testing/src/request-records.js';

export const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
export const callerSpanId = '00f067aa0ba902b7';

const startedAt = Date.UTC(2026, 0, 15, 10, 0, 0, 250);

function record(fields: Partial<RequestRecordV1>): RequestRecordV1 {
  return sampleRequestRecord({
    trace_id: 'gateway-trace',
    started_at: startedAt,
    model: 'gpt-4o',
    response_model: 'gpt-4o-2024-08-06',
    attempts: [],
    cache_status: 'MISS',
    latency_ms: 900,
    ttfb_ms: 850,
    cost: 0.00033,
    request_headers: {},
    request: { text: null, bytes: 80, truncated: false },
    response: { text: null, bytes: 400, truncated: false },
    ...fields,
  });
}

function attempt(fields: Partial<AttemptRecordV1> & Pick<AttemptRecordV1, 'target' | 'provider' | 'outcome' | 'status'>): AttemptRecordV1 {
  return { model: null, started_at: startedAt + 5, latency_ms: 100, error: null, ...fields };
}

/** Sent with the caller's traceparent: the first target failed (503), the second answered. */
export const fallbackRecord = record({
  trace_id: 'trace-fallback',
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  response_model: 'claude-sonnet-4-5-20250929',
  config_path: 'config.targets[1]',
  metadata: { team: 'search' },
  attempts: [
    attempt({ target: 'config.targets[0]', provider: 'openai', model: 'gpt-4o', outcome: 'fallback', status: 503, started_at: startedAt + 5, latency_ms: 120, error: 'The upstream answered 503', span_id: 'a1a1a1a1a1a1a1a1' }),
    attempt({ target: 'config.targets[1]', provider: 'anthropic', model: 'claude-sonnet-4-5', outcome: 'success', status: 200, started_at: startedAt + 130, latency_ms: 700, span_id: 'b2b2b2b2b2b2b2b2' }),
  ],
  tokens: { input: 21, output: 42, cached: 8, reasoning: null },
  span: { trace_id: callerTraceId, span_id: 'c3c3c3c3c3c3c3c3', parent_span_id: callerSpanId },
});

/** No traceparent: a target whose circuit was open was skipped, the next was retried after a 429 and answered. */
export const retryRecord = record({
  trace_id: 'trace-retry',
  started_at: startedAt + 2_000,
  stream: true,
  ttfb_ms: 400,
  config_path: 'config.targets[1]',
  attempts: [
    attempt({ target: 'config.targets[0]', provider: 'azure-openai', model: 'gpt-4o', outcome: 'circuit_open', status: 503, started_at: startedAt + 2_001, latency_ms: 0, error: 'circuit open' }),
    attempt({ target: 'config.targets[1]', provider: 'openai', model: 'gpt-4o', outcome: 'retry', status: 429, started_at: startedAt + 2_002, latency_ms: 50, error: 'Rate limit reached', span_id: 'd4d4d4d4d4d4d4d4' }),
    attempt({ target: 'config.targets[1]', provider: 'openai', model: 'gpt-4o', outcome: 'success', status: 200, started_at: startedAt + 2_300, latency_ms: 300, span_id: 'e5e5e5e5e5e5e5e5' }),
  ],
  span: { trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'f6f6f6f6f6f6f6f6', parent_span_id: null },
});

/** Answered from the cache: no upstream call. */
export const cacheHitRecord = record({
  trace_id: 'trace-cache-hit',
  started_at: startedAt + 4_000,
  latency_ms: 3,
  ttfb_ms: 3,
  cache_status: 'HIT',
  cost: null,
  attempts: [],
  span: { trace_id: '11111111111111111111111111111111', span_id: '2222222222222222', parent_span_id: null },
});

/** The only target failed, and so did the request. */
export const failedRecord = record({
  trace_id: 'trace-failed',
  started_at: startedAt + 6_000,
  status: 502,
  response_model: null,
  error: { message: 'The upstream failed', type: 'api_error', code: 'upstream_error' },
  tokens: { input: null, output: null, cached: null, reasoning: null },
  cost: null,
  attempts: [attempt({ target: 'config', provider: 'openai', model: 'gpt-4o', outcome: 'error', status: 500, started_at: startedAt + 6_001, error: 'Internal server error', span_id: '3333333333333333' })],
  span: { trace_id: '44444444444444444444444444444444', span_id: '5555555555555555', parent_span_id: null },
});

/** Tracing was off for it. */
export const untracedRecord = record({ trace_id: 'trace-untraced', started_at: startedAt + 8_000 });

/** Refused by a guardrail before any call: the client's failure (446), not the gateway's. */
export const deniedRecord = record({
  trace_id: 'trace-denied',
  started_at: startedAt + 10_000,
  status: 446,
  response_model: null,
  error: { message: 'The request was denied by a guardrail', type: 'guardrail_error', code: 'hooks_failed' },
  tokens: { input: null, output: null, cached: null, reasoning: null },
  cost: null,
  attempts: [],
  span: { trace_id: '66666666666666666666666666666666', span_id: '7777777777777777', parent_span_id: null },
});

/** A stream that began (200) and was cut part way: the request failed although its status says 200. */
export const cutStreamRecord = record({
  trace_id: 'trace-cut-stream',
  started_at: startedAt + 12_000,
  stream: true,
  error: { message: 'The upstream stream ended before it finished', type: 'api_error', code: null },
  attempts: [attempt({ target: 'config', provider: 'openai', model: 'gpt-4o', outcome: 'success', status: 200, started_at: startedAt + 12_001, span_id: '8888888888888888' })],
  span: { trace_id: '99999999999999999999999999999999', span_id: 'aaaaaaaaaaaaaaaa', parent_span_id: null },
});

/** Every record above, as one batch. */
export const allRecords = [fallbackRecord, retryRecord, cacheHitRecord, failedRecord, untracedRecord, deniedRecord, cutStreamRecord];
/** The spans they make: 3 for the fallback, 3 for the retry (the open circuit made no call), 1 for the cache hit, 2 for the failure, none untraced, 1 denied, 2 for the cut stream. */
export const allRecordsSpanCount = 12;
