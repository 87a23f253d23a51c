/**
 * An answer's body as the request path carries it, and the two questions asked of it: does it
 * stream, and what Web stream reads it. A stream the runtime holds (`DeferredStreamV1`) becomes a
 * Web stream only when core reads it (a cache, an output guardrail, a Response for the client).
 */
import type { DeferredStreamV1 } from '@ai-gateway/spec';

/** A whole body, a stream, or a stream the runtime holds until someone reads it (`DeferredStreamV1`). */
export type AnswerBody = Uint8Array | string | ReadableStream<Uint8Array> | DeferredStreamV1 | null;

export function isDeferredStream(body: unknown): body is DeferredStreamV1 {
  return typeof body === 'object' && body !== null && (body as { deferred?: unknown }).deferred === true;
}

/** Whether the body streams: a Web stream, or one the runtime holds. */
export function isStreamBody(body: AnswerBody): body is ReadableStream<Uint8Array> | DeferredStreamV1 {
  return body instanceof ReadableStream || isDeferredStream(body);
}

/** The body as core reads it: a stream the runtime holds becomes a Web stream. */
export function readBodyOf<Body extends AnswerBody>(body: Body): Exclude<Body, DeferredStreamV1> | ReadableStream<Uint8Array> {
  return isDeferredStream(body) ? body.stream() : (body as Exclude<Body, DeferredStreamV1>);
}

