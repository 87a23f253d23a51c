import { createMemoryCacheStore } from '@ai-gateway/core';
import type { StartGatewayOptions } from './start-gateway.js';

export interface GatewayEnvironment {
  gatewayOptions: Partial<StartGatewayOptions>;
  shutdownTimeoutMs: number;
}

/** Operator settings from the environment; invalid values stop start-up with a clear message. */
export function readGatewayEnvironment(environment: NodeJS.ProcessEnv): GatewayEnvironment {
  const numberSetting = (name: string, fallback?: number): number | undefined => {
    const raw = environment[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`[ai-gateway] ${name} must be a positive number, got '${raw}'`);
    return value;
  };
  const redisUrl = environment.AI_GATEWAY_REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//i.test(redisUrl)) {
    throw new Error('[ai-gateway] AI_GATEWAY_REDIS_URL must be a redis:// or rediss:// URL');
  }
  const cacheMaxBytes = numberSetting('AI_GATEWAY_CACHE_MAX_BYTES');
  const allowlist = environment.AI_GATEWAY_CUSTOM_HOST_ALLOWLIST?.split(',').map((host) => host.trim()).filter(Boolean);
  return {
    gatewayOptions: {
      maxBodyBytes: numberSetting('AI_GATEWAY_MAX_BODY_BYTES'),
      requestBodyTimeoutMs: numberSetting('AI_GATEWAY_REQUEST_BODY_TIMEOUT_MS'),
      upstreamTimeoutMs: numberSetting('AI_GATEWAY_UPSTREAM_TIMEOUT_MS'),
      maxUpstreamBodyBytes: numberSetting('AI_GATEWAY_MAX_UPSTREAM_BODY_BYTES'),
      maxAttemptsPerRequest: numberSetting('AI_GATEWAY_MAX_ATTEMPTS_PER_REQUEST'),
      customHostAllowlist: allowlist && allowlist.length > 0 ? allowlist : undefined,
      circuitBreaker: environment.AI_GATEWAY_CIRCUIT_BREAKER === 'off'
        ? false
        : { failureThreshold: numberSetting('AI_GATEWAY_CIRCUIT_FAILURES'), cooldownMs: numberSetting('AI_GATEWAY_CIRCUIT_COOLDOWN_MS') },
      // The response cache: shared in Redis when a URL is given, else in this process's memory.
      redisUrl,
      redisKeyPrefix: environment.AI_GATEWAY_REDIS_KEY_PREFIX || undefined,
      cacheStore: !redisUrl && cacheMaxBytes ? createMemoryCacheStore({ maxBytes: cacheMaxBytes }) : undefined,
    },
    shutdownTimeoutMs: numberSetting('AI_GATEWAY_SHUTDOWN_TIMEOUT_MS', 30_000)!,
  };
}
