/**
 * The Node request as core needs it, without a WHATWG Request: the body bytes read up front and a
 * disconnect signal from the response's own `close` event.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IncomingShortcuts } from '@ai-gateway/core';

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
function disconnectSignal(incoming: IncomingMessage, outgoing: ServerResponse): AbortSignal {
  const controller = new AbortController();
  outgoing.once('close', () => {
    if (outgoing.writableFinished) return;
    controller.abort(incoming.errored ?? new DOMException('The client closed the connection before the response was sent.', 'AbortError'));
  });
  return controller.signal;
}

export function nodeIncomingShortcuts(_request: Request, environment: unknown): IncomingShortcuts | undefined {
  const { incoming, outgoing } = (environment ?? {}) as NodeBindings;
  if (!incoming || !outgoing) return undefined;
  return { body: incoming.rawBody, signal: disconnectSignal(incoming, outgoing) };
}
