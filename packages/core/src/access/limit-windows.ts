/**
 * The windows counters count in. Rate limits use fixed one-minute windows aligned to the clock
 * (a new window every minute on the minute): exact within a window, and a client may use its
 * limit at the end of one window and again at the start of the next. Budgets count per UTC
 * calendar day or month, or in total.
 */
import type { BudgetV1 } from '@ai-gateway/spec';

export const rateWindowMs = 60_000;

export interface CounterWindow {
  /** The counter's name in the store, which names the window. */
  counter: string;
  /** When the window ends (milliseconds since 1970), or undefined for a total. */
  endsAt: number | undefined;
}

/** The minute window `now` falls in, for one key and one kind (`requests`, `tokens`). */
export function rateWindow(keyId: string, kind: string, now: number): CounterWindow {
  const index = Math.floor(now / rateWindowMs);
  return { counter: `rate:${keyId}:${kind}:${index}`, endsAt: (index + 1) * rateWindowMs };
}

/** The budget period `now` falls in. */
export function budgetWindow(keyId: string, period: BudgetV1['period'], now: number): CounterWindow {
  if (period === 'total') return { counter: `budget:${keyId}:total`, endsAt: undefined };
  const date = new Date(now);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (period === 'month') return { counter: `budget:${keyId}:${year}-${month + 1}`, endsAt: Date.UTC(year, month + 1, 1) };
  const day = date.getUTCDate();
  return { counter: `budget:${keyId}:${year}-${month + 1}-${day}`, endsAt: Date.UTC(year, month, day + 1) };
}

/** When a counter may be forgotten: a while after its window ends, so settlements still find it. */
export function forgetAfter(window: CounterWindow): number | undefined {
  return window.endsAt === undefined ? undefined : window.endsAt + 10 * rateWindowMs;
}

/** `1m0s`, `12s`, `250ms`: the reset time as OpenAI's `x-ratelimit-reset-*` headers write it. */
export function resetText(milliseconds: number): string {
  if (milliseconds < 1_000) return `${Math.max(0, Math.ceil(milliseconds))}ms`;
  const seconds = Math.ceil(milliseconds / 1_000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`;
}
