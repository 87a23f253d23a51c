/**
 * The timeouts core hands the pooled client (`init.timeout`: the longest wait for the response
 * headers, then the longest silence in the body), kept on one coarse clock.
 *
 * Why not undici's own `headersTimeout` and `bodyTimeout`: armed per call, they cost about 53k
 * instructions per request (callgrind, sequential passthrough requests; the whole request is
 * about 275k), and core's AbortController and timer per call cost as much. Here a call is an
 * entry in a set and a timestamp written per chunk; one interval, running only while calls are in
 * flight, looks at them every half second. A timeout therefore runs out up to half a second late,
 * which is why core hands over only timeouts of 10 s or more (`fetchTimeoutFloorMs`).
 */

const tickMs = 500;

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
  readonly #client: AbortSignal | undefined;
  readonly #calls: Set<CallSignal>;
  #listener: AbortListener | undefined;

  constructor(timeoutMs: number, client: AbortSignal | undefined, calls: Set<CallSignal>) {
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
  start(timeoutMs: number, client: AbortSignal | undefined): CallSignal;
  close(): void;
}

export function createCallDeadlines(): CallDeadlines {
  const calls = new Set<CallSignal>();
  let interval: ReturnType<typeof setInterval> | undefined;

  const tick = () => {
    const now = Date.now();
    for (const call of calls) {
      if (now - call.lastActivity < call.timeoutMs) continue;
      calls.delete(call);
      call.expire();
    }
    if (calls.size === 0) stopTicking();
  };
  const stopTicking = () => {
    if (interval !== undefined) clearInterval(interval);
    interval = undefined;
  };

  return {
    start(timeoutMs, client) {
      const signal = new CallSignal(timeoutMs, client, calls);
      calls.add(signal);
      if (interval === undefined) {
        interval = setInterval(tick, tickMs);
        interval.unref();
      }
      return signal;
    },
    close() {
      calls.clear();
      stopTicking();
    },
  };
}
