/**
 * The timeouts core hands the pooled client (`init.timeout`: the longest wait for the response
 * headers, then the longest silence in the body), kept on one coarse clock.
 *
 * Why not undici's own `headersTimeout` and `bodyTimeout`: armed per call, they cost about 53k
 * instructions per request (callgrind, sequential passthrough requests; the whole request is
 * about 265k, counted as bench/HISTORY.md describes), and core's AbortController and timer per call cost as much. Here a call is an
 * entry in a set and a timestamp written per chunk, and one timer serves them all: it is armed for
 * the earliest deadline, and when it fires it ends the calls that are due and re-arms for the next.
 * With long timeouts (core hands over only those of 10 s or more, `fetchTimeoutFloorMs`) a new
 * call's deadline is never the earliest, so starting a call re-arms nothing, and the timer fires
 * about once per timeout, not once per call.
 */

import type { ClientSignal } from '@ai-gateway/core';
type AbortListener = () => void;

/**
 * What undici's `request()` gets as its `signal`: it aborts when the client goes away (it follows
 * the client's own signal) or when the call's timeout runs out, with a DOMException named
 * `TimeoutError`, which core answers as a 408 or a stream's timeout event.
 */
export class CallSignal {
  timedOut = false;
  lastActivity = Date.now();
  readonly timeoutMs: number;
  readonly #client: ClientSignal | undefined;
  readonly #calls: Set<CallSignal>;
  #listener: AbortListener | undefined;

  constructor(timeoutMs: number, client: ClientSignal | undefined, calls: Set<CallSignal>) {
    this.timeoutMs = timeoutMs;
    this.#client = client;
    this.#calls = calls;
  }

  get aborted(): boolean {
    return this.timedOut || this.#client?.aborted === true;
  }

  get reason(): unknown {
    return this.timedOut ? new DOMException('The upstream took longer than the timeout.', 'TimeoutError') : this.#client?.reason;
  }

  /** undici adds one listener per call; it hears the client's abort directly, and the timeout from `expire`. */
  addEventListener(_type: 'abort', listener: AbortListener): void {
    this.#listener = listener;
    this.#client?.addEventListener('abort', listener, { once: true });
  }

  removeEventListener(_type: 'abort', listener: AbortListener): void {
    if (this.#listener === listener) this.#listener = undefined;
    this.#client?.removeEventListener('abort', listener);
  }

  /** Something arrived: the silence starts again. */
  touch(): void {
    this.lastActivity = Date.now();
  }

  /** The call is over (its body ended or failed, or the call failed): it is watched no more. */
  finish(): void {
    this.#calls.delete(this);
  }

  expire(): void {
    this.timedOut = true;
    this.#listener?.();
  }
}

export interface CallDeadlines {
  /** A signal for one call with a timeout, watched until its `finish()`. */
  start(timeoutMs: number, client: ClientSignal | undefined): CallSignal;
  close(): void;
}

export function createCallDeadlines(): CallDeadlines {
  const calls = new Set<CallSignal>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedFor = Number.POSITIVE_INFINITY;

  const disarm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    armedFor = Number.POSITIVE_INFINITY;
  };
  /** Makes sure the timer fires by `at` (a time in ms); an earlier one already armed does. */
  const arm = (at: number) => {
    if (at >= armedFor) return;
    disarm();
    armedFor = at;
    timer = setTimeout(sweep, Math.max(0, at - Date.now()));
    timer.unref();
  };
  const sweep = () => {
    timer = undefined;
    armedFor = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const call of calls) {
      // A call that was touched since the timer was armed is due later than it was.
      const due = call.lastActivity + call.timeoutMs;
      if (due <= now) {
        calls.delete(call);
        call.expire();
      } else if (due < next) {
        next = due;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) arm(next);
  };

  return {
    start(timeoutMs, client) {
      const signal = new CallSignal(timeoutMs, client, calls);
      calls.add(signal);
      arm(signal.lastActivity + timeoutMs);
      return signal;
    },
    close() {
      calls.clear();
      disarm();
    },
  };
}
