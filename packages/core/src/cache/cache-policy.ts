/**
 * Which requests the cache serves, and for how long their answers are kept.
 *
 * Both modes match exactly (same key). `semantic` is accepted so Portkey configs keep working, and
 * behaves as `simple` (Portkey's semantic cache is itself a superset of the simple one: it checks
 * for an exact match first); similarity search over embeddings is not done. As with Portkey,
 * image generations are cached in `simple` mode only.
 */
import type { ConfigCache } from '../config/schema.js';
import type { Endpoint } from '@ai-gateway/spec';
import type { GatewayRequest } from '../request/gateway-request.js';

/** Portkey's documented default `max_age`: 7 days. */
export const defaultCacheMaxAgeSeconds = 7 * 24 * 60 * 60;

/** The status that `x-portkey-cache-status` reports, with Portkey's values. */
export type CacheStatus = 'HIT' | 'MISS' | 'REFRESH' | 'DISABLED';

/** `responses` answers as JSON only: its streams end with `response.completed`, not the `[DONE]` that marks a whole stream. */
const cachedInEveryMode = new Set<Endpoint>(['chatComplete', 'complete', 'embed', 'responses']);
/** Endpoints whose streamed answers (server-sent events) are cached too. */
const streamingEndpoints = new Set<Endpoint>(['chatComplete', 'complete']);

export interface CachePolicy {
  /** How long a stored answer stays valid; 0 stores nothing. */
  ttlMs: number;
}

/** The policy for `request` under the config's `cache`, or undefined when the cache does not apply to it. */
export function cachePolicyFor(cache: ConfigCache, request: GatewayRequest): CachePolicy | undefined {
  if (request.method !== 'POST' || request.json === null) return undefined;
  const endpoint = request.endpoint;
  const cachedEndpoint = cachedInEveryMode.has(endpoint) || (endpoint === 'imageGenerate' && cache.mode === 'simple');
  if (!cachedEndpoint || (request.stream && !streamingEndpoints.has(endpoint))) return undefined;
  return { ttlMs: Math.ceil((cache.max_age ?? defaultCacheMaxAgeSeconds) * 1000) };
}
