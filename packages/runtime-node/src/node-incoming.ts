/**
 * The Node request as core needs it, without a WHATWG Request: the body bytes read up front, the
 * headers Node has already parsed, and a disconnect signal from the response's own `close` event.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientSignal, IncomingShortcuts, IncomingShortcutsReader } from '@ai-gateway/core';
import { DisconnectSignal } from './disconnect-signal.js';
import { ParsedHeaders } from './parsed-headers.js';

/** A request whose body of declared length was read whole before the app saw it. */
export type PreReadIncomingMessage = IncomingMessage & { rawBody?: Buffer };

/** What @hono/node-server passes as the app's env. */
interface NodeBindings {
  incoming?: PreReadIncomingMessage;
  outgoing?: ServerResponse;
}

/**
 * Aborts when the connection closes before the response was sent in full: the client went away,
 * so the upstream call (and any retry) should stop.
 */
function disconnectSignal(incoming: IncomingMessage, outgoing: ServerResponse): ClientSignal {
  const signal = new DisconnectSignal();
  outgoing.once('close', () => {
    if (outgoing.writableFinished) return;
    signal.abort(incoming.errored ?? new DOMException('The client closed the connection before the response was sent.', 'AbortError'));
  });
  return signal;
}

/**
 * The signal is a DisconnectSignal, not an AbortSignal: core takes any `ClientSignal`, and hands it
 * on only to a fetch whose type says it takes one (see disconnect-signal.ts).
 */
export function createNodeIncomingShortcuts(): IncomingShortcutsReader {
  return (_request, environment): IncomingShortcuts | undefined => {
    const { incoming, outgoing } = (environment ?? {}) as NodeBindings;
    if (!incoming || !outgoing) return undefined;
    return {
      body: incoming.rawBody,
      headers: new ParsedHeaders(incoming.headers),
      signal: disconnectSignal(incoming, outgoing),
    };
  };
}
