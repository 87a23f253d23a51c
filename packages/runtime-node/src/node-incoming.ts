/**
 * The Node request as core needs it, without a WHATWG Request: the body bytes read up front, the
 * headers Node has already parsed, and a disconnect signal from the response's own `close` event.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientSignal, IncomingShortcuts, IncomingShortcutsReader, OutgoingAnswer } from '@ai-gateway/core';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { DisconnectSignal } from './disconnect-signal.js';
import { ParsedHeaders } from './parsed-headers.js';
import { pipeDirectly } from './streamed-response.js';

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
      respond: (answer) => respondDirectly(answer, outgoing),
    };
  };
}

/**
 * A stream passed through from the upstream goes straight to the socket (streamed-response.ts);
 * the adapter is then told the response is already sent. Anything else is left to the adapter.
 */
function respondDirectly(answer: OutgoingAnswer, outgoing: ServerResponse): Response | undefined {
  if (outgoing.headersSent) return undefined;
  return pipeDirectly(answer.body, outgoing, answer.status, answer.headers) ? RESPONSE_ALREADY_SENT : undefined;
}
