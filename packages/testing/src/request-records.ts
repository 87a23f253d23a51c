/**
 * Request records for log store and sink tests: every field filled the way the gateway fills it,
 * so a store that drops or reshapes one is caught by a deep comparison.
 */
import type { RequestRecordV1 } from '@ai-gateway/core';

/** A successful, non-streamed chat completion at `started_at`, with whatever the test overrides. */
export function sampleRequestRecord(overrides: Partial<RequestRecordV1> & Pick<RequestRecordV1, 'trace_id' | 'started_at'>): RequestRecordV1 {
  const startedAt = overrides.started_at;
  return {
    time: new Date(startedAt).toISOString(),
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
    attempts: [{ target: 'config', provider: 'openai', model: 'gpt-4o-mini', outcome: 'success', status: 200, started_at: startedAt + 1, latency_ms: 120, error: null }],
    cache_status: 'DISABLED',
    guardrails: null,
    status: 200,
    error: null,
    latency_ms: 150,
    ttfb_ms: 140,
    tokens: { input: 12, output: 30, cached: null, reasoning: null },
    cost: 0.000021,
    request_headers: { 'content-type': 'application/json', 'user-agent': 'conformance' },
    request: { text: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Ünïcode ✓"}]}', bytes: 76, truncated: false },
    response: { text: null, bytes: 512, truncated: false },
    ...overrides,
  };
}
