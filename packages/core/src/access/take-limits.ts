/**
 * A key's rate limits and budget, taken before the upstream call with atomic counter operations,
 * so concurrent requests on any number of instances cannot pass a limit together:
 * - requests a minute: one unit per request;
 * - tokens a minute: the input's estimate reserved, the real count (input and output) settled
 *   from the record;
 * - budget: the worst-case cost reserved (nanodollars), the real cost settled from the record. A
 *   request whose worst case does not fit what is left is refused, even if it would have cost less.
 */
import type { CounterStoreV1, CounterTakeAllV1, CounterTakeItemV1, RequestRecordV1 } from '@ai-gateway/spec';
import { withFields } from '@ai-gateway/provider-utils';
import { AccessRefusal, notAllowed } from './access-errors.js';
import type { KeyGrant, RequestFacts } from './gateway-access.js';
import { budgetWindow, forgetAfter, rateWindow, resetText, type CounterWindow } from './limit-windows.js';

/** What a settlement adds to a counter: the real amount less the reserved one. */
export interface Settlement {
  counter: string;
  amount: number;
  expiresAt: number | undefined;
}

export interface Reservation {
  /** The correction once the record tells the real amount; undefined when there is none. */
  settle(record: RequestRecordV1): Settlement | undefined;
}

/** Budgets count in billionths of a dollar: whole numbers, exact in every store. */
const nanodollars = 1_000_000_000;

function rateHeaders(kind: string, limit: number, total: number, window: CounterWindow, now: number): Record<string, string> {
  return {
    [`x-ratelimit-limit-${kind}`]: String(limit),
    [`x-ratelimit-remaining-${kind}`]: String(Math.max(0, limit - total)),
    [`x-ratelimit-reset-${kind}`]: resetText(window.endsAt! - now),
  };
}

function tooMany(kind: string, limit: number, window: CounterWindow, now: number, headers: Record<string, string>): AccessRefusal {
  const perMinute = kind === 'requests' ? 'requests_per_minute' : 'tokens_per_minute';
  return new AccessRefusal(
    `Rate limit reached for this gateway key: ${limit} ${kind} a minute (rate_limits.${perMinute}). Try again in ${resetText(window.endsAt! - now)}.`,
    { status: 429, type: kind, code: 'rate_limit_exceeded' },
    withFields(headers, withFields(rateHeaders(kind, limit, limit, window, now), { 'retry-after': String(Math.max(1, Math.ceil((window.endsAt! - now) / 1000))) })),
  );
}

function tokensOf(record: RequestRecordV1): number | undefined {
  const { input, output } = record.tokens;
  return input === null && output === null ? undefined : (input ?? 0) + (output ?? 0);
}

export async function takeLimits(store: CounterStoreV1, grant: KeyGrant, facts: RequestFacts, unavailable: (error: unknown) => AccessRefusal): Promise<void> {
  const { key } = grant.known;
  const now = Date.now();
  /** Each limit the key has, in the order checked: what it takes, and what it does with the answer. */
  const limits: { item: CounterTakeItemV1; kind: 'requests' | 'tokens' | 'budget'; window: CounterWindow; reservation?: Reservation }[] = [];
  const requestsPerMinute = key.rate_limits?.requests_per_minute;
  if (requestsPerMinute !== undefined) {
    const window = rateWindow(key.id, 'requests', now);
    limits.push({ kind: 'requests', window, item: { key: window.counter, amount: 1, limit: requestsPerMinute, expiresAt: forgetAfter(window) } });
  }
  if (key.budget) {
    const cost = facts.worstCaseCost();
    if (cost === null) {
      throw notAllowed(`This gateway key has a budget, and no price is known for model '${facts.models[0] ?? '(none)'}': add its price to the config file's prices.`, 'model', 'price_unknown');
    }
    const window = budgetWindow(key.id, key.budget.period, now);
    const reserved = Math.ceil(cost * nanodollars);
    const expiresAt = forgetAfter(window);
    limits.push({
      kind: 'budget',
      window,
      item: { key: window.counter, amount: reserved, limit: Math.round(key.budget.usd * nanodollars), expiresAt },
      reservation: {
        settle(record) {
          // No tokens counted: nothing was billed. Tokens without a price: the reservation stays spent.
          if (tokensOf(record) === undefined) return { counter: window.counter, amount: -reserved, expiresAt };
          if (record.cost === null) return undefined;
          return { counter: window.counter, amount: Math.ceil(record.cost * nanodollars) - reserved, expiresAt };
        },
      },
    });
  }
  const tokensPerMinute = key.rate_limits?.tokens_per_minute;
  if (tokensPerMinute !== undefined) {
    const window = rateWindow(key.id, 'tokens', now);
    const reserved = Math.min(facts.inputTokens, tokensPerMinute);
    const expiresAt = forgetAfter(window);
    limits.push({
      kind: 'tokens',
      window,
      item: { key: window.counter, amount: reserved, limit: tokensPerMinute, expiresAt },
      reservation: {
        // No tokens counted (the call failed): the estimate goes back.
        settle: (record) => ({ counter: window.counter, amount: (tokensOf(record) ?? 0) - reserved, expiresAt }),
      },
    });
  }
  if (limits.length === 0) return;

  // One atomic step for every limit: a refusal leaves every counter as it was, nothing to give back.
  let result: CounterTakeAllV1;
  try {
    result = await store.takeAll(limits.map((limit) => limit.item));
  } catch (error) {
    throw unavailable(error);
  }
  const checked = result.allowed ? limits.length : result.refused;
  for (let index = 0; index < checked; index += 1) {
    const { kind, item, window } = limits[index];
    if (kind !== 'budget') Object.assign(grant.headers, rateHeaders(kind, item.limit, result.totals[index] + (result.allowed ? 0 : item.amount), window, now));
  }
  if (!result.allowed) {
    const { kind, item, window } = limits[result.refused];
    if (kind !== 'budget') throw tooMany(kind, item.limit, window, now, grant.headers);
    throw new AccessRefusal(
      `This gateway key's budget of $${key.budget!.usd} a ${key.budget!.period === 'total' ? 'lifetime' : key.budget!.period} is spent (or this request's worst case, $${(item.amount / nanodollars).toFixed(6)}, does not fit what is left).`,
      { status: 402, type: 'insufficient_quota', code: 'budget_exceeded' },
    );
  }
  for (const limit of limits) if (limit.reservation) grant.reservations.push(limit.reservation);
}
