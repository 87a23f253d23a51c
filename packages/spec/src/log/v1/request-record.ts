/**
 * The request log's record: one per request the gateway handled, written after the answer (off
 * the request path) to every log sink. Nothing here is a secret: provider keys, `Authorization`,
 * `x-api-key`, `x-portkey-api-key`, AWS secrets, service-account JSON and the `api_key` fields of
 * configs never reach a record, in any sink.
 */

/** What happened to one upstream call (or a target that was skipped before the call). */
export type AttemptOutcomeV1 = 'success' | 'retry' | 'fallback' | 'circuit_open' | 'error';

/** One step of the config path taken: an upstream call, or a target skipped because its circuit was open. */
export interface AttemptRecordV1 {
  /** The config node that was tried (`config`, `config.targets[1]`). */
  target: string;
  provider: string;
  /** The model sent upstream, when the request (or the target's `override_params`) named one. */
  model: string | null;
  /**
   * `success`: it answered and that answer went on. `retry`: it failed and the same target was
   * called again. `fallback`: it failed and the next target was tried. `circuit_open`: skipped, its
   * circuit was open. `error`: it failed, and its failure is the request's.
   */
  outcome: AttemptOutcomeV1;
  /** The upstream's status, or the gateway's own for calls that got no answer (408 timeout, 502 refused, 503 circuit open). */
  status: number;
  /** Milliseconds since the Unix epoch when the call was sent. */
  started_at: number;
  /** Until the response headers (or the failure). */
  latency_ms: number;
  /** The failure's message, with anything secret-looking taken out. */
  error: string | null;
  /** The OpenTelemetry span id of this call (16 hex digits), when tracing is on: the `traceparent` the upstream got. */
  span_id?: string;
}

/** Tokens as the provider counted them; null where the answer did not say. */
export interface TokenUsageV1 {
  input: number | null;
  output: number | null;
  /** Input tokens read from the provider's prompt cache (part of `input`). */
  cached: number | null;
  /** Output tokens spent on reasoning (part of `output`). */
  reasoning: number | null;
}

/** A body kept with the record: text up to the configured cap. */
export interface RecordedBodyV1 {
  /** The body as text (UTF-8), cut at the cap; null when bodies are off or there was none. */
  text: string | null;
  /** The body's whole size in bytes, also when `text` was cut or not kept. */
  bytes: number;
  truncated: boolean;
}

export interface RequestRecordV1 {
  /** The request's `x-portkey-trace-id` (the client's, or one the gateway made): the record's id. */
  trace_id: string;
  /** When the request arrived, ISO 8601 with milliseconds. */
  time: string;
  /** The same instant in milliseconds since the Unix epoch (for ranges and sorting). */
  started_at: number;
  method: string;
  /** The path the client called, without the query (`/v1/chat/completions`). */
  path: string;
  /** The gateway's name of the endpoint (`chatComplete`, `messages`, `responses`, `embed`, `proxy` ...). */
  endpoint: string;
  /** The client's API format: `openai`, or the ingress format's endpoint (`messages`, `responses`). */
  format: string;
  stream: boolean;
  /** The gateway key the request came with (access control), or null. */
  key_id: string | null;
  /** `x-portkey-metadata` as sent. */
  metadata: Record<string, string>;
  /** The provider of the target that answered (or of the last one tried). */
  provider: string | null;
  /** The model the request asked for. */
  model: string | null;
  /** The model the answer says it came from. */
  response_model: string | null;
  /** The config node that answered (`config.targets[1]`), as in `x-portkey-last-used-option-index`. */
  config_path: string | null;
  attempts: AttemptRecordV1[];
  /** `HIT`, `MISS`, `REFRESH`, `DISABLED` ..., as in `x-portkey-cache-status`. */
  cache_status: string;
  /** The guardrails' `hook_results` (before and after request hooks), when any ran. */
  guardrails: unknown;
  /** The status the client got; 499 when the client went away first. A stream cut mid-way keeps its 200 and sets `error`. */
  status: number;
  error: { message: string; type: string | null; code: string | null } | null;
  /** Until the answer ended (the last byte of a stream). */
  latency_ms: number;
  /** Until the first byte of the answer's body (for a stream, its first chunk). */
  ttfb_ms: number | null;
  tokens: TokenUsageV1;
  /** Estimated cost in US dollars; null when the model's price is not known (never 0 for "unknown"). */
  cost: number | null;
  /** The request's headers without any credential. */
  request_headers: Record<string, string>;
  request: RecordedBodyV1;
  /** The answer as the client got it (a stream as its events). */
  response: RecordedBodyV1;
  /** OpenTelemetry ids, when tracing is on: the gateway's server span and the caller's parent span. */
  span?: { trace_id: string; span_id: string; parent_span_id: string | null };
}
