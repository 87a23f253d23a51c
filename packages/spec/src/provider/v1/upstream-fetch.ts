/**
 * The upstream client core calls, typed by what core gives it and reads back. The standard
 * `fetch` is one; a runtime may give a faster one (runtime-node's pooled undici client) that
 * answers with a lighter object than a Web `Response` where reading a short body whole is cheaper.
 */

/** What core and providers read of an upstream answer: a Web `Response` has all of it. */
export interface UpstreamResponse extends Pick<Response, 'status' | 'statusText' | 'ok' | 'headers' | 'body' | 'arrayBuffer' | 'text' | 'json'> {
  /** The body as bytes without a copy, where the runtime has them (runtime-node's buffered answers). */
  bytes?(): Promise<Uint8Array>;
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
