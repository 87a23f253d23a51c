/**
 * A circuit breaker per target: after `failureThreshold` consecutive failures the target is
 * skipped for `cooldownMs`, then one probe request is let through; its success closes the circuit,
 * its failure opens it again. State lives in this process: each gateway instance learns on its own,
 * which needs no shared store and reacts as fast as the instance sees failures.
 */
import type { GatewayLogger } from '../logger.js';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
}

export const defaultCircuitBreakerOptions: CircuitBreakerOptions = { failureThreshold: 5, cooldownMs: 30_000 };

interface CircuitState {
  consecutiveFailures: number;
  /** When the open circuit may be probed; 0 while closed. */
  openUntil: number;
  probing: boolean;
}

export type CircuitDecision = 'closed' | 'probe' | 'open';

export interface CircuitBreaker {
  /**
   * Whether a call to this target may go out now. A 'probe' claims the single trial call after the
   * cool-down and must be followed by a record call; `peek` only looks, claiming nothing.
   */
  check(target: string, options?: { peek?: boolean }): CircuitDecision;
  recordSuccess(target: string): void;
  recordFailure(target: string): void;
  /**
   * A call that says nothing about the target's health (the client went away, or its own timeout
   * ran out): counts neither way, but frees a claimed probe so that the next call can probe.
   */
  release(target: string): void;
}

export function createCircuitBreaker(options: CircuitBreakerOptions, logger: GatewayLogger, now: () => number = Date.now): CircuitBreaker {
  const states = new Map<string, CircuitState>();
  const stateOf = (target: string) => {
    let state = states.get(target);
    if (!state) {
      state = { consecutiveFailures: 0, openUntil: 0, probing: false };
      states.set(target, state);
    }
    return state;
  };

  return {
    check(target, checkOptions) {
      const state = states.get(target);
      if (!state || state.openUntil === 0) return 'closed';
      if (now() < state.openUntil || state.probing) return 'open';
      if (checkOptions?.peek) return 'probe';
      state.probing = true;
      return 'probe';
    },
    recordSuccess(target) {
      const state = states.get(target);
      if (!state) return;
      if (state.openUntil !== 0) logger.info('circuit closed', { target });
      states.delete(target);
    },
    release(target) {
      const state = states.get(target);
      if (state) state.probing = false;
    },
    recordFailure(target) {
      const state = stateOf(target);
      state.consecutiveFailures += 1;
      const wasProbe = state.probing;
      state.probing = false;
      if (wasProbe || (state.openUntil === 0 && state.consecutiveFailures >= options.failureThreshold)) {
        state.openUntil = now() + options.cooldownMs;
        logger.warn('circuit opened', { target, consecutiveFailures: state.consecutiveFailures, cooldownMs: options.cooldownMs });
      }
    },
  };
}
