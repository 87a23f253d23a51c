/**
 * A key's rate limits and budget, taken before the upstream call with atomic counter operations,
 * so concurrent requests on any number of instances cannot pass a limit together:
 * - requests a minute: one unit per request;
 * - tokens a minute: the input's estimate reserved, the real count (input and output) settled
 *   from the record;
 * - budget: the worst-case cost reserved (nanodollars), the real cost settled from the record. A
 *   request whose worst case does not fit what is left is refused, even if it would have cost less.
 */
import type { CounterStoreV1, RequestRecordV1 } from '@ai-gateway/spec';
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
  /** Gives the whole reservation back (a later limit refused the request). */
  release: Settlement;
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
  const taken: Reservation[] = [];
  const take = async (window: CounterWindow, amount: number, limit: number) => {
    try {
      return await store.take(window.counter, amount, limit, forgetAfter(window));
    } catch (error) {
      throw unavailable(error);
    }
  };
  try {
    const requestsPerMinute = key.rate_limits?.requests_per_minute;
    if (requestsPerMinute !== undefined) {
      const window = rateWindow(key.id, 'requests', now);
      const result = await take(window, 1, requestsPerMinute);
      if (!result.allowed) throw tooMany('requests', requestsPerMinute, window, now, grant.headers);
      Object.assign(grant.headers, rateHeaders('requests', requestsPerMinute, result.total, window, now));
    }
    if (key.budget) {
      const cost = facts.worstCaseCost();
      if (cost === null) {
        throw notAllowed(`This gateway key has a budget, and no price is known for model '${facts.models[0] ?? '(none)'}': add its price to the config file's prices.`, 'model', 'price_unknown');
      }
      const window = budgetWindow(key.id, key.budget.period, now);
      const reserved = Math.ceil(cost * nanodollars);
      const result = await take(window, reserved, Math.round(key.budget.usd * nanodollars));
      if (!result.allowed) {
        throw new AccessRefusal(`This gateway key's budget of $${key.budget.usd} a ${key.budget.period === 'total' ? 'lifetime' : key.budget.period} is spent (or this request's worst case, $${cost.toFixed(6)}, does not fit what is left).`, { status: 402, type: 'insufficient_quota', code: 'budget_exceeded' });
      }
      const expiresAt = forgetAfter(window);
      taken.push({
        release: { counter: window.counter, amount: -reserved, expiresAt },
        settle(record) {
          // No tokens counted: nothing was billed. Tokens without a price: the reservation stays spent.
          if (tokensOf(record) === undefined) return { counter: window.counter, amount: -reserved, expiresAt };
          if (record.cost === null) return undefined;
          return { counter: window.counter, amount: Math.ceil(record.cost * nanodollars) - reserved, expiresAt };
        },
      });
    }
    const tokensPerMinute = key.rate_limits?.tokens_per_minute;
    if (tokensPerMinute !== undefined) {
      const window = rateWindow(key.id, 'tokens', now);
      const reserved = Math.min(facts.inputTokens, tokensPerMinute);
      const result = await take(window, reserved, tokensPerMinute);
      if (!result.allowed) throw tooMany('tokens', tokensPerMinute, window, now, grant.headers);
      Object.assign(grant.headers, rateHeaders('tokens', tokensPerMinute, result.total, window, now));
      const expiresAt = forgetAfter(window);
      taken.push({
        release: { counter: window.counter, amount: -reserved, expiresAt },
        settle(record) {
          // No tokens counted (the call failed): the estimate goes back.
          return { counter: window.counter, amount: (tokensOf(record) ?? 0) - reserved, expiresAt };
        },
      });
    }
  } catch (error) {
    // What earlier limits reserved goes back: the request never ran.
    await Promise.all(taken.map(({ release }) => store.add(release.counter, release.amount, release.expiresAt).catch(() => {})));
    throw error;
  }
  grant.reservations.push(...taken);
}
