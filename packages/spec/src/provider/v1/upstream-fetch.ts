/**
 * The upstream client core calls, typed by what core gives it and reads back. The standard
 * `fetch` is one; a runtime may give a faster one (runtime-node's pooled undici client) that
 * answers with a lighter object than a Web `Response` where reading a short body whole is cheaper.
 */

/** What core and providers read of an upstream answer: a Web `Response` has all of it. */
export interface UpstreamResponse extends Pick<Response, 'status' | 'statusText' | 'ok' | 'headers' | 'body' | 'arrayBuffer' | 'text' | 'json'> {
  /** The body as bytes without a copy, where the runtime has them (runtime-node's buffered answers). */
  bytes?(): Promise<Uint8Array>;
  /**
   * The body with core's stream guard applied where the body is read, instead of in a second
   * stream around `body` (runtime-node's streamed answers: every chunk through a Web stream costs
   * promises and queue work). Use it or `body`, not both. Present only on answers with a body;
   * absent, core wraps `body` itself.
   */
  guardedBody?(guard: StreamGuard): ReadableStream<Uint8Array> | DeferredStreamV1;
  /**
   * The same, with `transform` run over each chunk as it is read and the guard seeing what it
   * writes: a translated stream without Web streams between the upstream and the client. Core uses
   * it for a stream transform it can run this way (provider-utils' `directTransformOf`). Absent,
   * core pipes `body` through the transform's stream.
   */
  transformedBody?(transform: DirectTransformV1, guard: StreamGuard): ReadableStream<Uint8Array> | DeferredStreamV1;
}

/**
 * A streamed body the runtime holds, and sends to its client itself if it gets there untouched
 * (runtime-node writes the upstream socket's data to the client's socket). Whoever reads it on the
 * way (a cache, an output guardrail, a runtime without that shortcut) asks for a Web stream of it.
 * Building a `ReadableStream` costs Node 20 about 50,000 instructions (its `makeTransferable`),
 * about a tenth of a whole stream passed through; a stream nothing reads never needs one.
 */
export interface DeferredStreamV1 {
  readonly deferred: true;
  /** The body as a Web stream, made on the first call; from then on the runtime cannot send it itself. */
  stream(): ReadableStream<Uint8Array>;
}

/**
 * A stream transform run by whoever reads the body, chunk by chunk, instead of as a Web stream.
 * `connect` comes first and once; then `transform` per chunk and `flush` at the body's end (not
 * after a failure). Either may throw, which fails the stream as a failing transform stream would.
 */
export interface DirectTransformV1 {
  /** Where the transform writes: each chunk it makes, in order. */
  connect(output: (chunk: Uint8Array) => void): void;
  transform(chunk: Uint8Array): void;
  flush(): void;
}

/**
 * What core needs to see of a streamed answer as it passes, and how a failure after the first
 * byte ends it (core's `createStreamGuard` makes one). Each method is called at most as described.
 */
export interface StreamGuard {
  /** Every chunk, before it is passed on. */
  chunk(value: Uint8Array): void;
  /** The body ended whole. */
  end(): void;
  /**
   * The body failed mid-way (called once, instead of `end`): an event stream ends with the
   * returned `lastChunk` (an error event) and closes; any other body fails with `error`.
   */
  fail(error: unknown): { lastChunk: Uint8Array; error?: undefined } | { lastChunk?: undefined; error: Error };
  /** The reader went away before the end (called once, instead of `end` or `fail`). */
  cancel(): void;
}

export interface UpstreamRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
  signal?: AbortSignal;
  /** `'manual'` on every call core makes, and on a provider's own extra calls (an image it must download): a redirect is never followed. */
  redirect?: RequestRedirect;
}

/** The standard fetch's shape as core uses it: `globalThis.fetch` is one. */
export type UpstreamFetch = (url: string, init: UpstreamRequestInit) => Promise<UpstreamResponse>;

/**
 * A fetch that keeps a call's timeout itself (`timeout`, in milliseconds: the longest wait for the
 * response headers and the longest silence in the body after them, failing with a DOMException
 * named `TimeoutError`) and takes the client's signal as it is, whatever its kind.
 */
export interface TimedRequestInit extends Omit<UpstreamRequestInit, 'signal'> {
  signal?: ClientSignal;
  timeout: number;
}

export type TimedFetch = (url: string, init: TimedRequestInit) => Promise<UpstreamResponse>;

/**
 * What core needs of the signal that says a client went away: whether it has, why, and a way to
 * hear it. Every `AbortSignal` is one. A runtime may hand core something lighter (runtime-node's
 * DisconnectSignal, an EventTarget without an AbortController behind it), so core never passes it
 * where the platform insists on a real `AbortSignal` (the standard fetch): it passes it only to a
 * `TimedFetch` whose type says it takes one.
 */
export interface ClientSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
