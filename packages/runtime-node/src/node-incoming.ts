/**
 * The Node request as core needs it, without a WHATWG Request: the body bytes read up front, the
 * headers Node has already parsed, and a disconnect signal from the response's own `close` event.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IncomingShortcuts, IncomingShortcutsReader } from '@ai-gateway/core';
import { DisconnectSignal } from './disconnect-signal.js';
import { ParsedHeaders } from './parsed-headers.js';

/** A request whose body of declared length was read whole before the app saw it. */
export type PreReadIncomingMessage = IncomingMessage & { rawBody?: Buffer };

/** What @hono/node-server passes as the app's env. */
interface NodeBindings {
  incoming?: PreReadIncomingMessage;
  outgoing?: ServerResponse;
}

interface Abortable {
  signal: AbortSignal | DisconnectSignal;
  abort(reason: unknown): void;
}

function newAbortable(lightweight: boolean): Abortable {
  if (lightweight) {
    const signal = new DisconnectSignal();
    return { signal, abort: (reason) => signal.abort(reason) };
  }
  const controller = new AbortController();
  return { signal: controller.signal, abort: (reason) => controller.abort(reason) };
}

/**
 * Aborts when the connection closes before the response was sent in full: the client went away,
 * so the upstream call (and any retry) should stop.
 */
function disconnectSignal(incoming: IncomingMessage, outgoing: ServerResponse, lightweight: boolean): AbortSignal {
  const abortable = newAbortable(lightweight);
  outgoing.once('close', () => {
    if (outgoing.writableFinished) return;
    abortable.abort(incoming.errored ?? new DOMException('The client closed the connection before the response was sent.', 'AbortError'));
  });
  // A DisconnectSignal has everything core uses of a signal; see disconnect-signal.ts for where it may go.
  return abortable.signal as AbortSignal;
}

/**
 * `lightweightSignal`: hand core a DisconnectSignal rather than an AbortSignal. Only for a gateway
 * whose upstream fetch is this runtime's own (createUpstreamFetch), which accepts one.
 */
export function createNodeIncomingShortcuts(options: { lightweightSignal: boolean }): IncomingShortcutsReader {
  return (_request, environment): IncomingShortcuts | undefined => {
    const { incoming, outgoing } = (environment ?? {}) as NodeBindings;
    if (!incoming || !outgoing) return undefined;
    return {
      body: incoming.rawBody,
      headers: new ParsedHeaders(incoming.headers),
      signal: disconnectSignal(incoming, outgoing, options.lightweightSignal),
    };
  };
}
