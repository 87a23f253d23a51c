/**
 * The timeout of one upstream call: the longest wait for the response headers, then the longest
 * silence in the body. Either core keeps it (an AbortController and a watchdog timer per call, on
 * any runtime) or the runtime's fetch does, when it gives one that can (`GatewayOptions.timedFetch`):
 * runtime-node's pooled client watches all its calls with one timer, at a fraction of the cost
 * of a controller, an abort listener and a timer per call. Those were a fifth of the gateway's
 * instructions per request once every call had a timeout.
 *
 * One timer for many calls pays off when a new call's deadline is rarely the earliest, that is
 * with long timeouts; so only timeouts of `fetchTimeoutFloorMs` or more go to the fetch, and a
 * short timeout a client asks for keeps a timer of core's.
 */
import type { ClientSignal } from '@ai-gateway/spec';
import { startWatchdog } from '../stream/watchdog.js';
import type { TimedFetch } from '@ai-gateway/spec';

/** Who keeps the call's timeout, and so which fetch makes the call with which signal. */
export type CallTimeout = TimeoutKeptByCore | TimeoutKeptByFetch;

/** Core's timer aborts a controller of its own, whose signal the standard fetch takes. */
export interface TimeoutKeptByCore extends CallTimeoutHooks {
  keptBy: 'core';
  signal: AbortSignal;
}

/** The runtime's `TimedFetch` keeps it: it gets the milliseconds and the client's signal as it is. */
export interface TimeoutKeptByFetch extends CallTimeoutHooks {
  keptBy: 'fetch';
  fetch: TimedFetch;
  signal: ClientSignal;
  timeoutMs: number;
}

interface CallTimeoutHooks {
  /** A chunk arrived: the silence starts again. */
  touch(): void;
  /** The call is over: stop the timer and the listener. */
  settle(): void;
  /** Whether a failure is this timeout running out. */
  isTimeout(error: unknown): boolean;
}

function isTimeoutException(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'TimeoutError';
}

const nothing = () => {};

/** The shortest timeout left to a fetch that enforces timeouts; shorter ones are core's. */
export const fetchTimeoutFloorMs = 10_000;

export function startCallTimeout(timeoutMs: number, clientSignal: ClientSignal, timedFetch: TimedFetch | undefined): CallTimeout {
  if (timedFetch && timeoutMs >= fetchTimeoutFloorMs) {
    return { keptBy: 'fetch', fetch: timedFetch, signal: clientSignal, timeoutMs, touch: nothing, settle: nothing, isTimeout: isTimeoutException };
  }
  let timedOut = false;
  const controller = new AbortController();
  const abortWithClient = () => controller.abort(clientSignal.reason);
  clientSignal.addEventListener('abort', abortWithClient, { once: true });
  const watchdog = startWatchdog(timeoutMs, () => {
    timedOut = true;
    controller.abort(new DOMException('request_timeout', 'TimeoutError'));
  });
  return {
    keptBy: 'core',
    signal: controller.signal,
    touch: () => watchdog.touch(),
    settle() {
      watchdog.stop();
      clientSignal.removeEventListener('abort', abortWithClient);
    },
    isTimeout: () => timedOut,
  };
}
