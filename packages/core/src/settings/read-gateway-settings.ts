/**
 * The operator's settings, read the same way on every runtime from its own environment:
 * `process.env` on Node, `Bun.env` on Bun, a Worker's `env` bindings (their string values) on
 * Workers. What only one runtime has (a Redis, the request-body timeout, the shutdown wait, the
 * listen address) is read by that runtime on top of these. The table of every setting is in the
 * README and docs/security.md.
 */
import { createMemoryCacheStore } from '../cache/memory-cache-store.js';
import type { GatewayOptions } from '../app/create-gateway.js';
import { createHttpLogSink } from '../observe/http-log-sink.js';
import type { RequestLogOptions } from '../observe/request-log.js';

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

/** `AI_GATEWAY_REQUIRE_KEYS`: `true` or `false`; unset leaves it to whether keys exist (docs/access.md). */
function requireKeysSetting(environment: SettingsEnvironment): boolean | undefined {
  const text = stringSetting(environment, 'AI_GATEWAY_REQUIRE_KEYS');
  if (text === undefined) return undefined;
  if (text !== 'true' && text !== 'false') throw new Error("[ai-gateway] AI_GATEWAY_REQUIRE_KEYS must be 'true' or 'false'");
  return text === 'true';
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
/**
 * The request log's shared settings: `AI_GATEWAY_REQUEST_LOG=off` keeps no log at all,
 * `AI_GATEWAY_LOG_BODIES=off` keeps records without bodies, `AI_GATEWAY_LOG_MAX_BODY_BYTES` caps
 * each body, `AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES` the bytes open streams' bodies hold together,
 * `AI_GATEWAY_LOG_HTTP_URL` (with `AI_GATEWAY_LOG_HTTP_HEADERS`, `name=value` pairs
 * separated by commas) sends every record to a collector too. A runtime adds its store.
 */
function requestLogSetting(environment: SettingsEnvironment): RequestLogOptions | false {
  if (stringSetting(environment, 'AI_GATEWAY_REQUEST_LOG') === 'off') return false;
  const bodies = stringSetting(environment, 'AI_GATEWAY_LOG_BODIES');
  if (bodies !== undefined && bodies !== 'off' && bodies !== 'on') throw new Error("[ai-gateway] AI_GATEWAY_LOG_BODIES must be 'on' or 'off'");
  const url = stringSetting(environment, 'AI_GATEWAY_LOG_HTTP_URL');
  if (url !== undefined && !/^https?:\/\//i.test(url)) throw new Error('[ai-gateway] AI_GATEWAY_LOG_HTTP_URL must be an http:// or https:// URL');
  const headers = headerPairs(stringSetting(environment, 'AI_GATEWAY_LOG_HTTP_HEADERS'), 'AI_GATEWAY_LOG_HTTP_HEADERS');
  return {
    maxBodyBytes: bodies === 'off' ? 0 : numberSetting(environment, 'AI_GATEWAY_LOG_MAX_BODY_BYTES'),
    maxStreamCaptureBytes: numberSetting(environment, 'AI_GATEWAY_LOG_STREAM_CAPTURE_BYTES'),
    sinks: url ? [createHttpLogSink({ url, headers })] : [],
  };
}

/** `name=value,name2=value2`, as OpenTelemetry's `OTEL_EXPORTER_OTLP_HEADERS` writes them. */
export function headerPairs(text: string | undefined, setting: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text?.split(',') ?? []) {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new Error(`[ai-gateway] ${setting} must be name=value pairs separated by commas`);
    headers[decodeURIComponent(pair.slice(0, separator).trim())] = decodeURIComponent(pair.slice(separator + 1).trim());
  }
  return headers;
}

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
    // Whether it is required depends on where the runtime listens; the runtime sets `requireToken`.
    admin: { token: stringSetting(environment, 'AI_GATEWAY_ADMIN_TOKEN'), requireToken: false },
    requestLog: requestLogSetting(environment),
    requireKeys: requireKeysSetting(environment),
    metrics: stringSetting(environment, 'AI_GATEWAY_METRICS') === 'off' ? false : undefined,
  };
}
