/**
 * The timeout of one upstream call: the longest wait for the response headers, then the longest
 * silence in the body. Either core keeps it (an AbortController and a watchdog timer per call, on
 * any runtime) or the runtime's fetch does, when it says it can (`fetchEnforcesTimeouts`):
 * runtime-node's pooled client watches all its calls with one timer, at a fraction of the cost
 * of a controller, an abort listener and a timer per call. Those were a fifth of the gateway's
 * instructions per request once every call had a timeout.
 *
 * One timer for many calls pays off when a new call's deadline is rarely the earliest, that is
 * with long timeouts; so only timeouts of `fetchTimeoutFloorMs` or more go to the fetch, and a
 * short timeout a client asks for keeps a timer of core's.
 */
import { startWatchdog } from '../stream/watchdog.js';

/** What a fetch that enforces timeouts takes in its init: milliseconds, for the headers and for each silence. */
export interface TimeoutInit {
  timeout?: number;
}

export interface CallTimeout {
  /** The signal to hand to fetch: aborts when the client goes away (or, kept by core, on timeout). */
  signal: AbortSignal;
  /** Set on the fetch init when the runtime's fetch enforces the timeout. */
  fetchTimeout: number | undefined;
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

export function startCallTimeout(timeoutMs: number, clientSignal: AbortSignal, fetchEnforcesTimeouts: boolean): CallTimeout {
  if (fetchEnforcesTimeouts && timeoutMs >= fetchTimeoutFloorMs) {
    return { signal: clientSignal, fetchTimeout: timeoutMs, touch: nothing, settle: nothing, isTimeout: isTimeoutException };
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
    signal: controller.signal,
    fetchTimeout: undefined,
    touch: () => watchdog.touch(),
    settle() {
      watchdog.stop();
      clientSignal.removeEventListener('abort', abortWithClient);
    },
    isTimeout: () => timedOut,
  };
}
