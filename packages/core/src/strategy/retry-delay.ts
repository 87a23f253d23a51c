/**
 * How long to wait before the next attempt: the upstream's own word when it gives one
 * (`retry-after-ms`, `x-ms-retry-after-ms`, `retry-after` in seconds or as a date), else
 * exponential backoff with jitter, so that many clients failing together do not retry together.
 */
import type { ClientSignal } from '@ai-gateway/spec';

export interface RetryTiming {
  /** First backoff step in milliseconds. */
  baseDelayMs: number;
  /** Largest backoff step. */
  maxDelayMs: number;
  /** Longest upstream-requested wait honoured; a longer one ends the retries for that target. */
  maxRetryAfterMs: number;
}

export const defaultRetryTiming: RetryTiming = { baseDelayMs: 200, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

/** Milliseconds the upstream asked us to wait, or undefined when it did not say. */
export function upstreamRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(headers.get(name));
    if (headers.has(name) && Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Backoff before retry number `retry` (0 for the first retry), with "equal jitter": half fixed, half random. */
export function backoffDelay(retry: number, timing: RetryTiming, random: () => number = Math.random): number {
  const step = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** retry);
  return step / 2 + random() * (step / 2);
}

export function sleep(milliseconds: number, signal: ClientSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
