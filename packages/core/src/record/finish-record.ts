/**
 * A draft becomes the request's record, after the answer: bodies cut to the cap and decoded,
 * usage and the answering model read from the answer, the cost estimated, headers without
 * credentials, error messages and bodies without the request's credentials (an upstream may echo a
 * key) or secret-looking parts.
 */
import type { RecordedBodyV1, RequestRecordV1, TokenUsageV1 } from '@ai-gateway/spec';
import { joinChunks } from '@ai-gateway/provider-utils';
import { redactSecrets } from '../security/redact.js';
import { emptyTokens, jsonAnswerFacts, streamAnswerFacts, usageTokens, type AnswerFacts } from './answer-usage.js';
import { credentialValues, withoutCredentials } from './credential-values.js';
import { recordedHeaders } from './record-headers.js';
import type { RecordDraft } from './record-draft.js';
import { newTraceId } from '../trace.js';
import { isoTime } from '../iso-time.js';

/** The cost of an answer, or null when the price of its model is not known. */
export type CostEstimate = (provider: string, model: string | null, tokens: TokenUsageV1, time: number) => number | null;

export interface FinishOptions {
  /** Most bytes of each body kept; 0 keeps none (their sizes are still recorded). */
  maxBodyBytes: number;
  cost: CostEstimate;
}

const decoder = new TextDecoder();

/** Answers larger than this (images, audio as JSON) are not parsed for their usage: too much work for a log. */
const maxParsedAnswerBytes = 4 * 1024 * 1024;

function recordedBody(body: Uint8Array | string | null | undefined, maxBytes: number): RecordedBodyV1 {
  if (body === null || body === undefined) return { text: null, bytes: 0, truncated: false };
  if (typeof body === 'string') {
    // A string's length in UTF-16 units is close enough to its size for the cap; its size is exact.
    const bytes = new TextEncoder().encode(body).byteLength;
    if (maxBytes === 0) return { text: null, bytes, truncated: bytes > 0 };
    return body.length > maxBytes ? { text: body.slice(0, maxBytes), bytes, truncated: true } : { text: body, bytes, truncated: false };
  }
  if (maxBytes === 0) return { text: null, bytes: body.byteLength, truncated: body.byteLength > 0 };
  const truncated = body.byteLength > maxBytes;
  return { text: decoder.decode(truncated ? body.subarray(0, maxBytes) : body), bytes: body.byteLength, truncated };
}

function isJsonText(contentType: string | undefined): boolean {
  return contentType === undefined || contentType.includes('json');
}

/** Bodies kept as text: JSON, events and text; audio, images and other bytes only by their size. */
function isTextual(contentType: string | undefined): boolean {
  return contentType === undefined || contentType.includes('json') || contentType.startsWith('text/') || contentType.includes('event-stream');
}

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  return joinChunks(chunks as Uint8Array[], chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
}

/** The answer's facts, from all the text the draft holds (a long stream's head and its last chunks). */
function answerFacts(draft: RecordDraft, body: Uint8Array | string | null): AnswerFacts {
  if (body === null || body.length > maxParsedAnswerBytes) return { tokens: emptyTokens(), model: null };
  const text = typeof body === 'string' ? body : decoder.decode(body);
  if (draft.head !== undefined && draft.isEventStream) return streamAnswerFacts(draft.tail ? `${text}\n${decoder.decode(joined(draft.tail))}` : text);
  return isJsonText(draft.responseContentType) ? jsonAnswerFacts(text) : { tokens: emptyTokens(), model: null };
}

function requestedModel(draft: RecordDraft): string | null {
  const model = draft.request?.json?.model;
  if (typeof model === 'string') return model;
  return draft.attempts.find((attempt) => attempt.model !== null)?.model ?? null;
}

/** The answering model's price (a dated version), else the requested one's (an Azure deployment's answer names the model). */
function costOf(cost: CostEstimate, provider: string, answered: string | null, requested: string | null, tokens: TokenUsageV1, time: number): number | null {
  const byAnswer = answered === null ? null : cost(provider, answered, tokens, time);
  if (byAnswer !== null || requested === null || requested === answered) return byAnswer;
  return cost(provider, requested, tokens, time);
}

export function finishRecord(draft: RecordDraft, options: FinishOptions): RequestRecordV1 {
  const streamed = draft.head !== undefined;
  const head = streamed ? joined(draft.head!) : undefined;
  const responseSource = head ?? draft.responseBody;
  const response = recordedBody(responseSource, isTextual(draft.responseContentType) ? options.maxBodyBytes : 0);
  if (streamed) {
    response.bytes = draft.streamBytes;
    // Cut at the cap, or earlier when the log held its most of open streams' heads (record-draft.ts).
    response.truncated = draft.streamBytes > Math.min(options.maxBodyBytes, head!.byteLength);
  }
  // Usage is read from the whole answer (a stream's: all of its head), also when the stored copy is
  // cut or bodies are off; a stored copy that is all of it is not decoded a second time.
  const storedWhole = response.text !== null && (streamed ? head!.byteLength <= options.maxBodyBytes : !response.truncated);
  const wholeText = storedWhole ? response.text : null;
  const facts = answerFacts(draft, wholeText ?? responseSource);
  if (facts.tokens.input === null && facts.tokens.output === null && draft.reportedUsage) facts.tokens = usageTokens(draft.reportedUsage);
  const last = draft.attempts[draft.attempts.length - 1];
  const provider = last?.provider ?? draft.request?.options.provider ?? null;
  const model = requestedModel(draft);
  const credentials = credentialValues(draft.headers, draft.calledTargets);
  const clean = (text: string) => redactSecrets(withoutCredentials(text, credentials));
  const error = draft.error && { message: clean(draft.error.message), type: draft.error.type, code: draft.error.code };
  const hasTokens = facts.tokens.input !== null || facts.tokens.output !== null;
  const record: RequestRecordV1 = {
    trace_id: draft.traceId ?? newTraceId(),
    time: isoTime(draft.startedAt),
    started_at: draft.startedAt,
    method: draft.method,
    path: draft.path,
    endpoint: draft.endpoint,
    format: draft.format,
    stream: draft.request?.stream ?? false,
    key_id: draft.keyId,
    metadata: draft.request?.options.metadata ?? {},
    provider,
    model,
    response_model: facts.model,
    config_path: draft.configPath || null,
    attempts: draft.attempts,
    cache_status: draft.cacheStatus ?? 'DISABLED',
    guardrails: draft.guardrails,
    status: draft.status,
    error: error ?? null,
    latency_ms: Math.round(draft.latencyMs * 1000) / 1000,
    ttfb_ms: draft.firstByteMs === null ? null : Math.round(draft.firstByteMs * 1000) / 1000,
    tokens: facts.tokens,
    cost: provider !== null && hasTokens ? costOf(options.cost, provider, facts.model, model, facts.tokens, draft.startedAt) : null,
    request_headers: recordedHeaders(draft.headers),
    request: recordedBody(draft.request?.rawBody, options.maxBodyBytes),
    response,
  };
  for (const attempt of draft.attempts) if (attempt.error) attempt.error = clean(attempt.error);
  for (const body of [record.request, record.response]) if (body.text !== null) body.text = withoutCredentials(body.text, credentials);
  if (draft.span) record.span = { trace_id: draft.span.traceId, span_id: draft.span.spanId, parent_span_id: draft.span.parentSpanId };
  return record;
}
