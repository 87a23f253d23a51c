/**
 * A request record as OpenTelemetry spans: the gateway's SERVER span, and one CLIENT span per
 * upstream call, with the ids core gave them (the ones in the `traceparent` headers). Records arrive
 * after the fact, so the spans are built whole rather than started and ended. Names follow the HTTP
 * and GenAI semantic conventions; the gateway's own facts are under `ai_gateway.*`.
 *
 * Only types are imported from OpenTelemetry: this module is bundled with the package's entry, and
 * OpenTelemetry itself is loaded only when tracing is on (see otel-trace-sink.ts).
 */
import type { Attributes, HrTime, SpanContext, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import { genAiOperationName, genAiProviderName, type AttemptRecordV1, type RequestRecordV1 } from '@ai-gateway/core';
import { clientSpanAttributes, requestFailed, serverSpanAttributes } from './otel-span-attributes.js';

/** The API's enum values (stable across its versions), written out so this module loads no OpenTelemetry code. */
const serverKind = 1 as SpanKind;
const clientKind = 2 as SpanKind;
const statusUnset = 0 as SpanStatusCode;
const statusError = 2 as SpanStatusCode;
/** The W3C `sampled` flag: a record with ids was traced. */
const sampled = 1;

export interface SpanSource {
  resource: Resource;
  instrumentationScope: InstrumentationScope;
}

const traceIdPattern = /^(?!0{32})[0-9a-f]{32}$/;
const spanIdPattern = /^(?!0{16})[0-9a-f]{16}$/;

function hrTimeOf(milliseconds: number): HrTime {
  const seconds = Math.floor(milliseconds / 1000);
  return [seconds, Math.round((milliseconds - seconds * 1000) * 1e6)];
}

function randomSpanId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface SpanParts {
  name: string;
  kind: SpanKind;
  context: SpanContext;
  parent: SpanContext | undefined;
  startedAt: number;
  durationMs: number;
  failed: boolean;
  errorMessage: string | undefined;
  attributes: Attributes;
  events: TimedEvent[];
}

function readableSpan(parts: SpanParts, source: SpanSource): ReadableSpan {
  const durationMs = Math.max(0, parts.durationMs);
  return {
    name: parts.name,
    kind: parts.kind,
    spanContext: () => parts.context,
    parentSpanContext: parts.parent,
    startTime: hrTimeOf(parts.startedAt),
    endTime: hrTimeOf(parts.startedAt + durationMs),
    duration: hrTimeOf(durationMs),
    status: parts.failed ? { code: statusError, message: parts.errorMessage } : { code: statusUnset },
    attributes: parts.attributes,
    links: [],
    events: parts.events,
    ended: true,
    resource: source.resource,
    instrumentationScope: source.instrumentationScope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/**
 * The server span's name: HTTP's `{method} {route}`. The passthrough's paths are whatever the
 * client sent, so its route is the pattern, keeping span names few.
 */
function serverRoute(record: RequestRecordV1): string {
  return record.endpoint === 'proxy' ? '/v1/*' : record.path;
}

/** A circuit that was open skipped its target without a call: an event on the server span, not a span. */
function circuitOpenEvent(attempt: AttemptRecordV1): TimedEvent {
  const attributes: Attributes = { 'ai_gateway.target': attempt.target, 'gen_ai.provider.name': genAiProviderName(attempt.provider) };
  if (attempt.model !== null) attributes['gen_ai.request.model'] = attempt.model;
  return { name: 'ai_gateway.circuit_open', time: hrTimeOf(attempt.started_at), attributes };
}

function clientSpan(record: RequestRecordV1, attempt: AttemptRecordV1, server: SpanContext, source: SpanSource): ReadableSpan {
  const operation = genAiOperationName(record.endpoint);
  const spanId = attempt.span_id !== undefined && spanIdPattern.test(attempt.span_id) ? attempt.span_id : randomSpanId();
  const failed = attempt.outcome !== 'success';
  return readableSpan({
    name: attempt.model === null ? operation : `${operation} ${attempt.model}`,
    kind: clientKind,
    context: { traceId: server.traceId, spanId, traceFlags: sampled },
    parent: server,
    startedAt: attempt.started_at,
    durationMs: attempt.latency_ms,
    failed,
    errorMessage: attempt.error ?? undefined,
    attributes: clientSpanAttributes(record, attempt),
    events: [],
  }, source);
}

/**
 * The spans of one record: none when tracing was off for it (no `span`), else the server span
 * first and a client span per upstream call.
 */
export function recordSpans(record: RequestRecordV1, source: SpanSource): ReadableSpan[] {
  const ids = record.span;
  if (!ids || !traceIdPattern.test(ids.trace_id) || !spanIdPattern.test(ids.span_id)) return [];
  const server: SpanContext = { traceId: ids.trace_id, spanId: ids.span_id, traceFlags: sampled };
  const parent: SpanContext | undefined = ids.parent_span_id !== null && spanIdPattern.test(ids.parent_span_id)
    ? { traceId: ids.trace_id, spanId: ids.parent_span_id, traceFlags: sampled, isRemote: true }
    : undefined;
  const route = serverRoute(record);
  const calls = record.attempts.filter((attempt) => attempt.outcome !== 'circuit_open');
  const skipped = record.attempts.filter((attempt) => attempt.outcome === 'circuit_open');
  const serverSpan = readableSpan({
    name: `${record.method} ${route}`,
    kind: serverKind,
    context: server,
    parent,
    startedAt: record.started_at,
    durationMs: record.latency_ms,
    failed: requestFailed(record),
    errorMessage: record.error?.message,
    attributes: serverSpanAttributes(record, route),
    events: skipped.map(circuitOpenEvent),
  }, source);
  return [serverSpan, ...calls.map((attempt) => clientSpan(record, attempt, server, source))];
}
