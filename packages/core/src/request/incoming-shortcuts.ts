import type { ClientSignal } from '@ai-gateway/spec';
import type { AnswerBody } from '../stream/answer-body.js';

/**
 * What a runtime may already hold for a request, handed to core so that it need not be rebuilt
 * through the Web `Request`. On Node, reaching `request.body` or `request.signal` makes
 * @hono/node-server build a full WHATWG Request (a ReadableStream around bytes the runtime has
 * already read, an AbortController, WebIDL conversions): measurable CPU and garbage per request.
 * Runtimes without such shortcuts return nothing and core reads the Request as usual.
 */
export interface IncomingShortcuts {
  /** The whole body, already read (`null` when there is none); `undefined` means "read it from the Request". */
  body?: Uint8Array | null;
  /**
   * The request's headers, when the runtime has a cheaper `Headers` than the Request's own (Node
   * builds one by copying every header through WebIDL); `undefined` means "use the Request's".
   */
  headers?: Headers;
  /** Aborts when the client goes away; `undefined` means "use the Request's signal". */
  signal?: ClientSignal;
  /**
   * Sends an answer the runtime can write more directly than through a Web Response (runtime-node
   * writes an upstream stream it guards itself straight to the socket), and returns what the
   * runtime's adapter should then be given; `undefined` means "send it as a Response".
   */
  respond?: (answer: OutgoingAnswer) => Response | undefined;
}

/** An answer as the route handler has it (core's `Answer`): a status, lower-case headers, a body. */
export interface OutgoingAnswer {
  status: number;
  headers: Record<string, string>;
  body: AnswerBody;
}

/**
 * Called once per request with the Request and the runtime's environment (Hono's `env`, e.g.
 * `{ incoming, outgoing }` under @hono/node-server).
 */
export type IncomingShortcutsReader = (request: Request, environment: unknown) => IncomingShortcuts | undefined;
