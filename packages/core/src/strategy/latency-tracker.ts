/**
 * Recent latency and error rate per target, as exponentially weighted moving averages, for the
 * latency-aware load balancer. Like the circuit breaker, it is per process on purpose.
 */
export interface TargetHealth {
  latencyMs: number;
  errorRate: number;
  samples: number;
}

export interface LatencyTracker {
  record(target: string, latencyMs: number, failed: boolean): void;
  get(target: string): TargetHealth | undefined;
}

/** Weight of the newest sample: about the last ten calls dominate. */
const smoothing = 0.2;

export function createLatencyTracker(): LatencyTracker {
  const health = new Map<string, TargetHealth>();
  return {
    record(target, latencyMs, failed) {
      const current = health.get(target);
      if (!current) {
        health.set(target, { latencyMs, errorRate: failed ? 1 : 0, samples: 1 });
        return;
      }
      current.latencyMs += smoothing * (latencyMs - current.latencyMs);
      current.errorRate += smoothing * ((failed ? 1 : 0) - current.errorRate);
      current.samples += 1;
    },
    get: (target) => health.get(target),
  };
}

/**
 * Lower is better: latency inflated by the error rate, so a fast target that fails half the time
 * loses to a slightly slower one that answers.
 */
export function healthScore(health: TargetHealth): number {
  return health.latencyMs * (1 + 4 * health.errorRate);
}
