/**
 * W3C Trace Context for the OpenTelemetry traces: the caller's `traceparent` continues its trace,
 * and each upstream call carries one naming its own client span.
 */

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const zeroTraceId = '0'.repeat(32);
const zeroSpanId = '0'.repeat(16);

export interface SpanContext {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  /** The caller's trace flags (`01`: sampled), passed on upstream as they came. */
  flags: string;
}

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  let hex = '';
  for (const value of values) hex += value.toString(16).padStart(2, '0');
  return hex;
}

/** A new span id: 16 hex digits, never all zeros. */
export function newSpanId(): string {
  const id = randomHex(8);
  return id === zeroSpanId ? newSpanId() : id;
}

/**
 * The server span of a request: a child of the caller's span when its `traceparent` is valid
 * (version 00, ids not all zeros), else the root of a new trace. A malformed header is ignored,
 * as the W3C specification asks, never refused.
 */
export function serverSpanContext(traceparent: string | null): SpanContext {
  const match = traceparent === null ? null : traceparentPattern.exec(traceparent.trim().toLowerCase());
  if (match && match[1] !== zeroTraceId && match[2] !== zeroSpanId) {
    return { traceId: match[1], spanId: newSpanId(), parentSpanId: match[2], flags: match[3] };
  }
  return { traceId: randomHex(16), spanId: newSpanId(), parentSpanId: null, flags: '01' };
}

/** The `traceparent` an upstream call carries: the request's trace, the call's own span. */
export function upstreamTraceparent(context: SpanContext, attemptSpanId: string): string {
  return `00-${context.traceId}-${attemptSpanId}-${context.flags}`;
}
