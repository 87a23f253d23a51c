/** Request records and attempts for tests: plausible defaults, overridden per case. */
import type { AttemptRecordV1, RequestRecordV1 } from '@ai-gateway/spec';

export function attempt(overrides: Partial<AttemptRecordV1> = {}): AttemptRecordV1 {
  return { target: 'config', provider: 'openai', model: 'gpt-4o-mini', outcome: 'success', status: 200, started_at: 1_700_000_000_000, latency_ms: 120, error: null, ...overrides };
}

export function requestRecord(overrides: Partial<RequestRecordV1> = {}): RequestRecordV1 {
  return {
    trace_id: 'trace-1',
    time: '2023-11-14T22:13:20.000Z',
    started_at: 1_700_000_000_000,
    method: 'POST',
    path: '/v1/chat/completions',
    endpoint: 'chatComplete',
    format: 'openai',
    stream: false,
    key_id: null,
    metadata: {},
    provider: 'openai',
    model: 'gpt-4o-mini',
    response_model: 'gpt-4o-mini-2024-07-18',
    config_path: 'config',
    attempts: [attempt()],
    cache_status: 'DISABLED',
    guardrails: null,
    status: 200,
    error: null,
    latency_ms: 130,
    ttfb_ms: 125,
    tokens: { input: 12, output: 30, cached: null, reasoning: null },
    cost: 0.0001,
    request_headers: {},
    request: { text: null, bytes: 0, truncated: false },
    response: { text: null, bytes: 0, truncated: false },
    ...overrides,
  };
}
