/**
 * Limits reset when their window ends: a rate limit at the next minute, a daily budget at the next
 * UTC midnight, a monthly one at the next month; a total budget never. The clock is moved, the
 * counters are a real (memory) store.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { createGatewayAccess, type GatewayAccess, type KeyGrant, type RequestFacts } from './gateway-access.js';
import { createKey } from './admin-keys-routes.js';
import { createMemoryAccessStore } from './memory-access-store.js';
import { budgetWindow } from './limit-windows.js';

const facts = (cost: number | null): RequestFacts => ({ providers: ['openai'], models: ['gpt-4o'], configName: undefined, ownConfig: false, inputTokens: 10, worstCaseCost: () => cost });
let access: GatewayAccess;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2030, 0, 31, 23, 59, 30));
  access = createGatewayAccess({ store: createMemoryAccessStore() }, () => {});
});
afterEach(() => {
  vi.useRealTimers();
});

async function grantFor(body: Record<string, unknown>): Promise<KeyGrant> {
  const { secret } = await createKey(access.store, body);
  access.keysExist();
  return access.authenticate(new Headers({ authorization: `Bearer ${secret}` }));
}

const statusOf = (promise: Promise<unknown>) => promise.then(() => 200, (error: { status: number }) => error.status);

describe('limit windows', () => {
  it('lets a rate-limited key in again at the next minute', async () => {
    const grant = await grantFor({ name: 'rate', rate_limits: { requests_per_minute: 2 } });
    const admit = () => statusOf(access.admit({ ...grant, reservations: [], headers: {} }, facts(0)));
    expect([await admit(), await admit(), await admit()]).toEqual([200, 200, 429]);
    vi.setSystemTime(Date.UTC(2030, 0, 31, 23, 59, 59, 999));
    expect(await admit()).toBe(429);
    vi.setSystemTime(Date.UTC(2030, 1, 1, 0, 0, 0));
    expect(await admit()).toBe(200);
  });

  it('spends a daily budget until UTC midnight, a monthly one until the month ends, a total one for good', async () => {
    const daily = await grantFor({ name: 'daily', budget: { usd: 1, period: 'day' } });
    const monthly = await grantFor({ name: 'monthly', budget: { usd: 1, period: 'month' } });
    const total = await grantFor({ name: 'total', budget: { usd: 1, period: 'total' } });
    const admit = (grant: KeyGrant) => statusOf(access.admit({ ...grant, reservations: [], headers: {} }, facts(0.6)));
    for (const grant of [daily, monthly, total]) expect([await admit(grant), await admit(grant)]).toEqual([200, 402]);
    vi.setSystemTime(Date.UTC(2030, 1, 1, 0, 0, 1));
    for (const grant of [daily, monthly, total]) expect(await admit(grant)).toBe(grant === total ? 402 : 200);
    vi.setSystemTime(Date.UTC(2030, 1, 2, 0, 0, 1));
    expect(await admit(daily)).toBe(200);
    expect(await admit(monthly)).toBe(402);
  });

  it('settles a reservation to the real cost, and gives it back when nothing was billed', async () => {
    const grant = await grantFor({ name: 'settled', budget: { usd: 1, period: 'total' } });
    const window = budgetWindow(grant.known.key.id, 'total', Date.now());
    const admitted = { ...grant, reservations: [], headers: {} };
    await access.admit(admitted, facts(0.5));
    expect(await access.store.current(window.counter)).toBe(500_000_000);
    access.settle(admitted, { cost: 0.125, tokens: { input: 10, output: 5, cached: null, reasoning: null } } as RequestRecordV1);
    await vi.waitFor(async () => expect(await access.store.current(window.counter)).toBe(125_000_000));
    const failed = { ...grant, reservations: [], headers: {} };
    await access.admit(failed, facts(0.5));
    access.settle(failed, { cost: null, tokens: { input: null, output: null, cached: null, reasoning: null } } as RequestRecordV1);
    await vi.waitFor(async () => expect(await access.store.current(window.counter)).toBe(125_000_000));
  });

  it('refuses a budgeted request to a model with no known price', async () => {
    const grant = await grantFor({ name: 'unpriced', budget: { usd: 1, period: 'total' } });
    await expect(access.admit(grant, facts(null))).rejects.toMatchObject({ status: 403, code: 'price_unknown' });
  });

  it('leaves every counter as it was when a later limit refuses', async () => {
    const grant = await grantFor({ name: 'both', budget: { usd: 1, period: 'total' }, rate_limits: { tokens_per_minute: 5 } });
    const window = budgetWindow(grant.known.key.id, 'total', Date.now());
    await expect(access.admit(grant, { ...facts(0.5), inputTokens: 10 })).resolves.toBeUndefined();
    const second = { ...grant, reservations: [], headers: {} };
    await expect(access.admit(second, facts(0.25))).rejects.toMatchObject({ status: 429 });
    expect(await access.store.current(window.counter)).toBe(500_000_000);
  });
});
