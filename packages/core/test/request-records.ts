/**
 * Request records and attempts for core's tests: the testing package's sample record (by its path:
 * the testing package depends on core, so core cannot list it), with defaults these tests count on.
 */
import type { AttemptRecordV1, RequestRecordV1 } from '@ai-gateway/spec';
import { sampleRequestRecord } from '../../testing/src/request-records.js';

export function attempt(overrides: Partial<AttemptRecordV1> = {}): AttemptRecordV1 {
  return { target: 'config', provider: 'openai', model: 'gpt-4o-mini', outcome: 'success', status: 200, started_at: 1_700_000_000_000, latency_ms: 120, error: null, ...overrides };
}

export function requestRecord(overrides: Partial<RequestRecordV1> = {}): RequestRecordV1 {
  return sampleRequestRecord({
    trace_id: 'trace-1',
    started_at: 1_700_000_000_000,
    attempts: [attempt()],
    latency_ms: 130,
    ttfb_ms: 125,
    cost: 0.0001,
    request_headers: {},
    request: { text: null, bytes: 0, truncated: false },
    response: { text: null, bytes: 0, truncated: false },
    ...overrides,
  });
}
