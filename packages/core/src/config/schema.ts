/**
 * The Config object, compatible with Portkey's gateway configs. A config is a tree of targets:
 * the top level is itself a target, and any target may route over nested `targets` with a `strategy`.
 *
 * Objects are loose: provider-specific fields (`aws_region`, `resource_name`, `vertex_project_id`, ...)
 * pass this schema and reach the provider as settings, once checked against the settings the
 * target's provider declares (provider-settings.ts): an undeclared field answers 400 naming it.
 */
import * as v from 'valibot';
import { forwardHeaderRefusal } from '../security/forward-headers.js';

const statusCode = v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599));
const statusCodes = v.array(statusCode);
const nonEmptyString = v.pipe(v.string(), v.minLength(1));
/** A header a target may forward: not one the gateway owns (security/forward-headers.ts). */
const forwardHeaderName = v.pipe(
  v.string(),
  v.check((name) => forwardHeaderRefusal(name.toLowerCase()) === undefined, (issue) => {
    const name = String(issue.input);
    return `'${name.slice(0, 64)}' cannot be forwarded: ${forwardHeaderRefusal(name.toLowerCase())}`;
  }),
);

/**
 * The longest timeout a timer can hold (2^31 - 1 ms, about 24.8 days): a longer one would fire at
 * once and keep firing, so it is refused rather than clamped.
 */
export const maxTimeoutMs = 2_147_483_647;

export const retrySchema = v.looseObject({
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5, 'retry.attempts is at most 5')),
  on_status_codes: v.optional(statusCodes),
});

export const strategySchema = v.looseObject({
  mode: v.picklist(['single', 'fallback', 'loadbalance', 'conditional']),
  on_status_codes: v.optional(statusCodes),
  conditions: v.optional(v.array(v.looseObject({ query: v.record(v.string(), v.unknown()), then: nonEmptyString }))),
  default: v.optional(nonEmptyString),
  /** loadbalance only: `weighted` (default) or `latency` (prefer the best recent latency and error rate). */
  balance: v.optional(v.picklist(['weighted', 'latency'])),
});

/** Response caching; read at the config's root (see docs/caching.md). `max_age` is in seconds. */
export const cacheSchema = v.looseObject({
  mode: v.picklist(['simple', 'semantic']),
  max_age: v.optional(v.pipe(v.number(), v.minValue(0))),
});

export interface ConfigCache {
  mode: 'simple' | 'semantic';
  /** Seconds an answer stays cached; default 7 days. */
  max_age?: number;
}

export interface ConfigRetry {
  attempts: number;
  on_status_codes?: number[];
}

export interface ConfigStrategy {
  mode: 'single' | 'fallback' | 'loadbalance' | 'conditional';
  on_status_codes?: number[];
  conditions?: { query: Record<string, unknown>; then: string }[];
  default?: string;
  balance?: 'weighted' | 'latency';
}

/** One node of a config tree. */
export interface ConfigTarget {
  provider?: string;
  api_key?: string;
  virtual_key?: string;
  custom_host?: string;
  override_params?: Record<string, unknown>;
  weight?: number;
  retry?: ConfigRetry;
  request_timeout?: number;
  forward_headers?: string[];
  name?: string;
  strategy?: ConfigStrategy;
  targets?: ConfigTarget[];
  cache?: ConfigCache;
  [providerSpecific: string]: unknown;
}

export const targetSchema: v.GenericSchema<ConfigTarget> = v.looseObject({
  provider: v.optional(nonEmptyString),
  api_key: v.optional(v.string()),
  virtual_key: v.optional(v.string()),
  custom_host: v.optional(nonEmptyString),
  override_params: v.optional(v.record(v.string(), v.unknown())),
  weight: v.optional(v.pipe(v.number(), v.minValue(0))),
  retry: v.optional(retrySchema),
  request_timeout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(maxTimeoutMs, `request_timeout is at most ${maxTimeoutMs} ms`))),
  forward_headers: v.optional(v.array(forwardHeaderName)),
  name: v.optional(nonEmptyString),
  strategy: v.optional(strategySchema),
  targets: v.optional(v.array(v.lazy(() => targetSchema))),
  cache: v.optional(cacheSchema),
}) as v.GenericSchema<ConfigTarget>;

export type Config = ConfigTarget;
