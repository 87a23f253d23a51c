/**
 * The cache key: a SHA-256 over everything that decides the answer, so that two requests share an
 * entry only when the upstream would have been asked the very same thing by the same caller:
 *
 * - method, path and query string;
 * - the routing: the config without its `cache` field (so changing `max_age` keeps the entries),
 *   and the routing headers (provider, custom host, provider-specific `x-portkey-*` settings);
 * - the caller's credentials (provider key, virtual key): they only enter the hash, so different
 *   keys never share entries and no store ever sees a key;
 * - the values of the headers forwarded upstream, and the few client headers a provider reads;
 * - `x-portkey-cache-namespace`, and `x-portkey-metadata` unless a namespace is given (Portkey's
 *   rule: a namespace replaces the metadata as the partition). Metadata that conditional routing
 *   reads always counts, because it picks the target;
 * - the request body, byte for byte as the client sent it.
 */
import type { Config, ConfigTarget } from '../config/schema.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import { headerNames } from '../request/portkey-headers.js';

/** Bumped when the key's recipe changes, so old entries are never read under a new meaning. */
const keyVersion = 'ai-gateway-cache-v1';

/** Client headers that providers read themselves (see the anthropic provider). */
const answerShapingHeaders = ['anthropic-version', 'anthropic-beta'] as const;

interface RoutingFacts {
  /** The config as JSON, without the root's `cache`. */
  json: string;
  /** Every `forward_headers` name in the tree. */
  forwardedHeaders: readonly string[];
  /** True when some node routes on conditions (which may read the metadata). */
  routesOnConditions: boolean;
}

/** Configs are parsed once per distinct header (and server configs once per load): their facts too. */
const routingFactsByConfig = new WeakMap<Config, RoutingFacts>();

function collectRouting(node: ConfigTarget, facts: { forwardedHeaders: Set<string>; routesOnConditions: boolean }): void {
  for (const name of node.forward_headers ?? []) facts.forwardedHeaders.add(name.toLowerCase());
  if (node.strategy?.mode === 'conditional') facts.routesOnConditions = true;
  for (const child of node.targets ?? []) collectRouting(child, facts);
}

function routingFactsOf(config: Config): RoutingFacts {
  let facts = routingFactsByConfig.get(config);
  if (!facts) {
    const { cache: _cache, ...routing } = config;
    const collected = { forwardedHeaders: new Set<string>(), routesOnConditions: false };
    collectRouting(config, collected);
    facts = { json: JSON.stringify(routing), forwardedHeaders: [...collected.forwardedHeaders], routesOnConditions: collected.routesOnConditions };
    routingFactsByConfig.set(config, facts);
  }
  return facts;
}

function headerValues(headers: Headers, names: readonly string[]): (string | null)[] {
  return names.map((name) => headers.get(name));
}

const encoder = new TextEncoder();
const hexDigits = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += hexDigits[byte];
  return hex;
}

/** 64 hex characters naming the answer to `request` under `config`. */
export async function cacheKeyOf(request: GatewayRequest, config: Config): Promise<string> {
  const { options, headers } = request;
  const routing = routingFactsOf(config);
  const namespace = headers.get(headerNames.cacheNamespace);
  const metadataCounts = namespace === null || routing.routesOnConditions;
  // A JSON array keeps the parts apart unambiguously, whatever characters they hold.
  const facts = JSON.stringify([
    keyVersion,
    request.method,
    request.path,
    request.search,
    routing.json,
    options.provider ?? null,
    options.customHost ?? null,
    options.settings,
    options.apiKey ?? null,
    headers.get(headerNames.virtualKey),
    headerValues(headers, routing.forwardedHeaders),
    options.forwardHeaders ?? null,
    headerValues(headers, options.forwardHeaders ?? []),
    headerValues(headers, answerShapingHeaders),
    namespace,
    metadataCounts ? headers.get(headerNames.metadata) : null,
  ]);
  const head = encoder.encode(facts);
  const body = request.rawBody ?? new Uint8Array(0);
  // One buffer and one digest: hashing on the hit path is the one cost a cached request adds.
  const input = new Uint8Array(head.byteLength + 1 + body.byteLength);
  input.set(head);
  input[head.byteLength] = 0x0a;
  input.set(body, head.byteLength + 1);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', input)));
}
