/**
 * The attributes of a record's spans. Convention names where OpenTelemetry has one (HTTP server,
 * GenAI client inference, `error.type`); the gateway's own facts under `ai_gateway.*`. Nothing
 * from the request's headers or bodies is copied: no credential can reach a span.
 */
import type { Attributes } from '@opentelemetry/api';
import { genAiOperationName, genAiProviderName, type AttemptRecordV1, type RequestRecordV1 } from '@ai-gateway/core';

function setWhenKnown(attributes: Attributes, key: string, value: string | number | boolean | null | undefined): void {
  if (value !== null && value !== undefined) attributes[key] = value;
}

/** The convention's usage attributes from the tokens the provider counted. */
function setUsage(attributes: Attributes, tokens: RequestRecordV1['tokens']): void {
  setWhenKnown(attributes, 'gen_ai.usage.input_tokens', tokens.input);
  setWhenKnown(attributes, 'gen_ai.usage.output_tokens', tokens.output);
  setWhenKnown(attributes, 'gen_ai.usage.cache_read.input_tokens', tokens.cached);
  setWhenKnown(attributes, 'gen_ai.usage.reasoning.output_tokens', tokens.reasoning);
}

/**
 * Whether the request failed on the gateway's side, as HTTP server spans count it: a 5xx, or an
 * answer that began well and ended in an error (a stream cut part way). A 4xx is the client's
 * failure, not the server's: its status code says it, the span's status stays unset.
 */
export function requestFailed(record: RequestRecordV1): boolean {
  return record.status >= 500 || (record.error !== null && record.status < 400);
}

/** `error.type` of a failed request: the OpenAI-shaped error's code or type, else the status (low-cardinality either way). */
function requestErrorType(record: RequestRecordV1): string | undefined {
  if (!requestFailed(record)) return undefined;
  return record.error?.code ?? record.error?.type ?? String(record.status);
}

export function serverSpanAttributes(record: RequestRecordV1, route: string): Attributes {
  const attributes: Attributes = {
    'http.request.method': record.method,
    'url.path': record.path,
    'http.route': route,
    'http.response.status_code': record.status,
    'gen_ai.operation.name': genAiOperationName(record.endpoint),
    'gen_ai.request.stream': record.stream,
    'ai_gateway.trace_id': record.trace_id,
    'ai_gateway.endpoint': record.endpoint,
    'ai_gateway.cache_status': record.cache_status,
    'ai_gateway.retry_count': record.attempts.filter((attempt) => attempt.outcome === 'retry').length,
    'ai_gateway.fallback': record.attempts.some((attempt) => attempt.outcome === 'fallback'),
  };
  if (record.provider !== null) attributes['gen_ai.provider.name'] = genAiProviderName(record.provider);
  setWhenKnown(attributes, 'gen_ai.request.model', record.model);
  setWhenKnown(attributes, 'gen_ai.response.model', record.response_model);
  setUsage(attributes, record.tokens);
  if (record.stream && record.ttfb_ms !== null) attributes['gen_ai.response.time_to_first_chunk'] = record.ttfb_ms / 1000;
  setWhenKnown(attributes, 'error.type', requestErrorType(record));
  setWhenKnown(attributes, 'ai_gateway.config_path', record.config_path);
  setWhenKnown(attributes, 'ai_gateway.cost_usd', record.cost);
  setWhenKnown(attributes, 'ai_gateway.key_id', record.key_id);
  for (const [key, value] of Object.entries(record.metadata)) attributes[`ai_gateway.metadata.${key}`] = value;
  return attributes;
}

/**
 * One upstream call. The answer's model and usage belong to the call that answered (outcome
 * `success`); a failed call carries `error.type`, the status as HTTP client spans do.
 */
export function clientSpanAttributes(record: RequestRecordV1, attempt: AttemptRecordV1): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': genAiOperationName(record.endpoint),
    'gen_ai.provider.name': genAiProviderName(attempt.provider),
    'gen_ai.request.stream': record.stream,
    'http.response.status_code': attempt.status,
    'ai_gateway.target': attempt.target,
    'ai_gateway.attempt.outcome': attempt.outcome,
  };
  setWhenKnown(attributes, 'gen_ai.request.model', attempt.model);
  if (attempt.outcome === 'success') {
    setWhenKnown(attributes, 'gen_ai.response.model', record.response_model);
    setUsage(attributes, record.tokens);
  } else {
    attributes['error.type'] = attempt.status >= 400 ? String(attempt.status) : '_OTHER';
  }
  return attributes;
}
