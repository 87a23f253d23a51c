/**
 * The operator's settings, read the same way on every runtime from its own environment:
 * `process.env` on Node, `Bun.env` on Bun, a Worker's `env` bindings (their string values) on
 * Workers. What only one runtime has (a Redis, the request-body timeout, the shutdown wait, the
 * listen address) is read by that runtime on top of these. The table of every setting is in the
 * README and docs/security.md.
 */
import { createMemoryCacheStore } from '../cache/memory-cache-store.js';
import type { GatewayOptions } from '../app/create-gateway.js';

/** A runtime's environment: names to values; non-string values (a Worker's bindings) are ignored. */
export type SettingsEnvironment = Readonly<Record<string, unknown>>;

/** Reads a positive number setting, or throws naming it; `fallback` when unset or empty. */
export function numberSetting(environment: SettingsEnvironment, name: string, fallback?: number): number | undefined {
  const raw = environment[name];
  if (typeof raw !== 'string' || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`[ai-gateway] ${name} must be a positive number, got '${raw}'`);
  return value;
}

function stringSetting(environment: SettingsEnvironment, name: string): string | undefined {
  const raw = environment[name];
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
}

/** `AI_GATEWAY_SECRET_KEY`: 32 random bytes in base64 (`openssl rand -base64 32`). */
function secretKeySetting(environment: SettingsEnvironment): Uint8Array | undefined {
  const text = stringSetting(environment, 'AI_GATEWAY_SECRET_KEY');
  if (text === undefined) return undefined;
  let bytes: Uint8Array | undefined;
  try {
    bytes = Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    bytes = undefined;
  }
  if (bytes?.length !== 32) throw new Error('[ai-gateway] AI_GATEWAY_SECRET_KEY must be 32 random bytes in base64 (openssl rand -base64 32)');
  return bytes;
}

/**
 * The settings every runtime shares, as `createGateway` options; invalid values throw a message
 * naming the setting, so start-up stops clearly.
 *
 * @example
 * ```ts
 * const app = createGateway(withFields(readGatewaySettings(Bun.env), { providers }));
 * ```
 */
export function readGatewaySettings(environment: SettingsEnvironment): Partial<GatewayOptions> {
  const allowlist = stringSetting(environment, 'AI_GATEWAY_CUSTOM_HOST_ALLOWLIST')?.split(',').map((host) => host.trim()).filter(Boolean);
  const cacheMaxBytes = numberSetting(environment, 'AI_GATEWAY_CACHE_MAX_BYTES');
  return {
    maxBodyBytes: numberSetting(environment, 'AI_GATEWAY_MAX_BODY_BYTES'),
    upstreamTimeoutMs: numberSetting(environment, 'AI_GATEWAY_UPSTREAM_TIMEOUT_MS'),
    maxUpstreamBodyBytes: numberSetting(environment, 'AI_GATEWAY_MAX_UPSTREAM_BODY_BYTES'),
    maxAttemptsPerRequest: numberSetting(environment, 'AI_GATEWAY_MAX_ATTEMPTS_PER_REQUEST'),
    customHostAllowlist: allowlist && allowlist.length > 0 ? allowlist : undefined,
    circuitBreaker: stringSetting(environment, 'AI_GATEWAY_CIRCUIT_BREAKER') === 'off'
      ? false
      : { failureThreshold: numberSetting(environment, 'AI_GATEWAY_CIRCUIT_FAILURES'), cooldownMs: numberSetting(environment, 'AI_GATEWAY_CIRCUIT_COOLDOWN_MS') },
    // The in-memory response cache's size; a runtime with a shared store (Node's Redis) replaces it.
    cacheStore: cacheMaxBytes ? createMemoryCacheStore({ maxBytes: cacheMaxBytes }) : undefined,
    secretKey: secretKeySetting(environment),
  };
}
