/**
 * Settlements (what a request really used, less what it reserved) are added to their counters a
 * moment later, summed per counter: a busy key's thousand requests a second make a few store
 * calls a second, not two each. A reservation stays counted until then, so the limits only ever
 * err towards refusing, for at most `settleIntervalMs`.
 */
import type { CounterStoreV1 } from '@ai-gateway/spec';
import type { Settlement } from './take-limits.js';

/** How long settlements are gathered before they are added. */
export const settleIntervalMs = 50;

export interface SettlementQueue {
  add(settlement: Settlement): void;
  /** Adds what is gathered now; resolves when the store has it. */
  flush(): Promise<void>;
}

export function createSettlementQueue(store: CounterStoreV1, failed: (counter: string, error: Error) => void): SettlementQueue {
  let pending = new Map<string, Settlement>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = async () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    const adds = [...batch.values()]
      .filter(({ amount }) => amount !== 0)
      .map(({ counter, amount, expiresAt }) => store.add(counter, amount, expiresAt).catch((error: Error) => failed(counter, error)));
    await Promise.all(adds);
  };

  return {
    flush,
    add(settlement) {
      const gathered = pending.get(settlement.counter);
      if (gathered) gathered.amount += settlement.amount;
      else pending.set(settlement.counter, { ...settlement });
      if (timer === undefined) {
        timer = setTimeout(() => void flush(), settleIntervalMs);
        // Shutdown flushes what is gathered (the gateway's flushRequestLog); nothing else waits for it.
        (timer as { unref?: () => void }).unref?.();
      }
    },
  };
}
