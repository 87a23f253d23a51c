import { Hono, type Context } from 'hono';
import type { CacheStore } from '@ai-gateway/spec';
import { createResponseCache } from '../cache/response-cache.js';
import { createCustomHostCheck } from '../security/custom-host.js';
import { checkBodyDepth } from '../security/nesting-depth.js';
import { checkPassthroughPath } from '../security/upstream-path.js';
import { endpointRoutes, type Endpoint } from '@ai-gateway/spec';
import { errorResponse, GatewayError, toGatewayError } from '@ai-gateway/provider-utils';
import { emptyServerConfig, type ServerConfig } from '../config/server-config.js';
import { maxTimeoutMs } from '../config/schema.js';
import { consoleLogger, redactingLogger, type GatewayLogger } from '../logger.js';
import { answerToResponse, type HeaderRecord } from '../upstream/answer.js';
import { defaultMaxUpstreamBodyBytes } from '../upstream/read-upstream-body.js';
import type { TimedFetch, UpstreamFetch } from '@ai-gateway/spec';
import { executeRequest, type RequestDependencies, type RequestTrace } from './execute-request.js';
import { createCircuitBreaker, defaultCircuitBreakerOptions, type CircuitBreakerOptions } from '../strategy/circuit-breaker.js';
import { createLatencyTracker } from '../strategy/latency-tracker.js';
import { defaultRetryTiming, type RetryTiming } from '../strategy/retry-delay.js';
import type { ProviderV1 } from '@ai-gateway/spec';
import { createProviderRegistry } from '../provider/registry.js';
import { createProviderSettingsIndex } from '../config/provider-settings-index.js';
import { parseJsonBody, type GatewayRequest } from '../request/gateway-request.js';
import type { IncomingShortcutsReader } from '../request/incoming-shortcuts.js';
import { headerNames, readRequestOptions } from '../request/portkey-headers.js';
import { readBody } from '../request/read-body.js';
import { newTraceId } from '../trace.js';
import type { IngressFormatV1 } from '@ai-gateway/spec';
import { createIngressRegistry } from '../ingress/ingress-registry.js';
import { ingressErrorResponse } from '../ingress/ingress-response.js';
import { withFields } from '@ai-gateway/provider-utils';
import { estimateTokensByLength, type TokenEstimator } from '../ingress/estimated-token-count.js';
import type { GuardrailCheckV1, ResponseStoreV1 } from '@ai-gateway/spec';
import { createGuardrailRegistry } from '../guardrails/guardrail-registry.js';
import { createPolicyFetch } from '../guardrails/policy-fetch.js';
import { createMemoryResponseStore } from '../responses/memory-response-store.js';
import { callerCredential, createStoredResponses, type StoredResponses } from '../responses/stored-responses.js';
import { createReasoningSeal } from '../responses/reasoning-seal.js';
import type { PriceLookupV1 } from '@ai-gateway/spec';
import { recordAnswer, recordFailure } from './record-outcome.js';
import { createRequestLog, type RequestLog, type RequestLogOptions } from '../observe/request-log.js';
import { createMemoryLogStore } from '../observe/memory-log-store.js';
import { createGatewayMetrics } from '../observe/metrics/gateway-metrics.js';
import { addControlPlaneRoutes } from '../observe/logs-routes.js';
import { createAdminGuard, type AdminAccess } from '../security/admin-access.js';
import type { ConsoleAssets } from '../observe/console-assets.js';
import { addConsoleRoutes } from '../observe/console-routes.js';
import { estimateCost } from '../observe/request-cost.js';
import { createGatewayAccess, type AccessOptions, type GatewayAccess, type KeyGrant } from '../access/gateway-access.js';
import { AccessRefusal } from '../access/access-errors.js';
import { addAdminKeyRoutes } from '../access/admin-keys-routes.js';
import { conversationOwner, createRequestKeys } from './request-keys.js';
import { addResponsesRoutes } from './responses-routes.js';
import { createVirtualKeys } from '../access/virtual-keys.js';
import type { VirtualKeyCatalogue } from '../access/virtual-key-fields.js';
import { addAdminVirtualKeyRoutes } from '../access/admin-virtual-keys-routes.js';
import { isPromiseLike } from '../promise-like.js';

export interface GatewayOptions {
  /** Every provider this gateway can route to. */
  providers: readonly ProviderV1[];
  /**
   * Client API formats served beside OpenAI's, each on its own route (`builtinIngressFormats`:
   * Anthropic's `/v1/messages`). Default: none.
   */
  ingressFormats?: readonly IngressFormatV1[];
  /**
   * The tokenizer for token counts the gateway makes itself (`/v1/messages/count_tokens` to a
   * provider with no counting API). Kept out of core so its bundle carries no vocabulary; the Node
   * and Bun runtimes give one (gpt-tokenizer's o200k_base, loaded on first use). Default: one token
   * per four characters.
   */
  estimateTokens?: TokenEstimator;
  /**
   * The guardrail checks configs may name (`input_guardrails`, `after_request_hooks` ...): the
   * built-in ones are `builtinGuardrails` of @ai-gateway/guardrails; a third-party package adds its
   * own namespace. Without any, a config with hooks answers 400. See docs/guardrails.md.
   */
  guardrails?: readonly GuardrailCheckV1[];
  /** The upstream fetch: the runtime's pooled client. Defaults to the global fetch. */
  fetch?: UpstreamFetch;
  /** Largest request body accepted, in bytes; larger ones answer 413. Default 25 MiB. */
  maxBodyBytes?: number;
  /** When set, custom hosts are limited to these hostnames (for shared deployments). */
  customHostAllowlist?: readonly string[];
  /** Per-target circuit breaker; on by default (5 consecutive failures, 30 s cool-down). `false` turns it off. */
  circuitBreaker?: Partial<CircuitBreakerOptions> | false;
  /** Backoff between retries; defaults suit real providers (200 ms doubling to 8 s, retry-after up to 30 s). */
  retryTiming?: Partial<RetryTiming>;
  /** Named configs and model aliases from the operator's config file; a getter, so reloads take effect. */
  serverConfig?: () => ServerConfig;
  /** Where circuit changes and other operator events go. Default: JSON lines on the console. */
  logger?: GatewayLogger;
  /** Random source for load balancing and jitter (tests make it predictable). */
  random?: () => number;
  /** The runtime's own way to a request's body and disconnect signal, when it has a cheaper one than the Request. */
  incomingShortcuts?: IncomingShortcutsReader;
  /**
   * Where configs with a `cache` keep answers. Default: a bounded in-memory store
   * (`createMemoryCacheStore`), created when the first such request comes. Give a shared store
   * (runtime-node: `createRedisCacheStore`) to share entries between instances.
   */
  cacheStore?: CacheStore;
  /**
   * Where `POST /v1/responses` keeps the responses of translated targets (`store`, default true),
   * for `previous_response_id`, `item_reference` and `GET` / `DELETE /v1/responses/{id}`. Default:
   * a bounded in-memory store (`createMemoryResponseStore`). Give a shared store (runtime-node:
   * `createRedisResponseStore`) to continue conversations on any instance; `false` keeps nothing.
   */
  responseStore?: ResponseStoreV1 | false;
  /**
   * 32 bytes (`AI_GATEWAY_SECRET_KEY`) that seal signed reasoning for stateless Responses clients
   * and the secrets of virtual keys (each under its own derived key). Default: random per process
   * for reasoning, so sealed reasoning opens only where it was sealed; virtual keys need it set.
   */
  secretKey?: Uint8Array;
  /**
   * The timeout of an upstream call that sets none: the longest wait for the response headers and
   * the longest silence in a body after them. Default 10 minutes (what slow reasoning models need).
   */
  upstreamTimeoutMs?: number;
  /** Largest upstream body read whole (a translated provider's answer); larger answers a 502. Default 64 MiB. */
  maxUpstreamBodyBytes?: number;
  /** Most upstream calls one request may make, retries and fallbacks together. Default 10. */
  maxAttemptsPerRequest?: number;
  /**
   * The runtime's fetch that keeps a call's timeout itself and takes the client's signal as it is
   * (see `TimedFetch`). Core hands it the calls with timeouts of 10 s or more, and keeps no timer
   * of its own for them; shorter ones go through `fetch` with a timer of core's. runtime-node's
   * pooled client is one: it keeps every call's deadline on one coarse clock.
   */
  timedFetch?: TimedFetch;
  /**
   * The request log (docs/logs.md): one record per request, written after the answer to a store the
   * logs API reads and to any other sinks. Default: a bounded in-memory store
   * (`createMemoryLogStore`); runtime-node gives a SQLite file. `false` records nothing.
   */
  requestLog?: RequestLogOptions | false;
  /** Prices for the records' cost (`createPriceLookup` of @ai-gateway/providers/prices); the config file's `prices` come first. */
  priceLookup?: PriceLookupV1;
  /** Prometheus metrics at `/metrics` (docs/metrics.md), computed from the records. Default on; `false` turns them off. */
  metrics?: false | { maxLabelValues?: number };
  /**
   * Who may read the control plane (logs API, console, `/metrics`): open on loopback; beyond it
   * (`requireToken`, set by the runtime from its listening address) only with the admin token,
   * sent as `Authorization: Bearer` or as the session cookie the console's login form gives.
   */
  admin?: AdminAccess;
  /**
   * The console's files (apps/console, built), served at `/public/` (docs/console.md). The Node
   * and Bun runtimes supply them; without them `/public/` answers 404.
   */
  consoleAssets?: ConsoleAssets;
  /**
   * Gateway keys, their allowances, rate limits and budgets (docs/access.md): requests need a key
   * once the store holds one (or `requireKeys`), and `/admin/keys` manages them. Default: none,
   * every request is let in.
   */
  access?: AccessOptions;
  /**
   * `AI_GATEWAY_REQUIRE_KEYS=true`: every request needs a gateway key. A gateway given no `access`
   * store cannot check one, so it refuses to start rather than serve without keys (Bun and Workers
   * have no default store: docs/access.md).
   */
  requireKeys?: boolean;
}

export const defaultMaxBodyBytes = 25 * 1024 * 1024;
export const defaultUpstreamTimeoutMs = 10 * 60 * 1000;
export const defaultMaxAttemptsPerRequest = 10;

/** Endpoints whose body is JSON by definition; others are parsed only when they say they are JSON. */
const jsonEndpoints = new Set<Endpoint>(['chatComplete', 'complete', 'embed', 'imageGenerate', 'createSpeech', 'messages', 'countTokens', 'responses']);

function isJsonContentType(contentType: string | null): boolean {
  return contentType?.includes('json') === true;
}

/** Defaults overlaid by the options that are actually set (an `undefined` keeps the default). */
function withDefaults<T extends object>(defaults: T, overrides: Partial<T> | undefined): T {
  const merged = withFields(defaults);
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

function setTraceHeaders(headers: HeaderRecord, traceId: string | undefined, trace: RequestTrace): void {
  if (traceId) headers[headerNames.traceId] = traceId;
  headers[headerNames.cacheStatus] = trace.cacheStatus ?? 'DISABLED';
  if (trace.optionPath) {
    headers[headerNames.lastUsedOptionIndex] = trace.optionPath;
    headers[headerNames.retryAttemptCount] = String(trace.retryAttempts);
  }
}

/**
 * Builds the gateway: a Hono app whose `fetch(request, env?, executionContext?)` runs on any
 * runtime. The runtime supplies what differs (the upstream fetch, stores, env); core decides.
 *
 * @example
 * ```ts
 * const app = createGateway({ providers: builtinProviders });
 * export default app; // Cloudflare Workers
 * ```
 */
/** The gateway's Hono app, and what a runtime needs at shutdown. */
export interface GatewayApp extends Hono {
  /** Writes the request log's pending records to every sink and flushes them, and the key limits they settled. */
  flushRequestLog(): Promise<void>;
}

export function createGateway(options: GatewayOptions): GatewayApp {
  const logger = redactingLogger(options.logger ?? consoleLogger);
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? defaultUpstreamTimeoutMs;
  if (!Number.isInteger(upstreamTimeoutMs) || upstreamTimeoutMs < 1 || upstreamTimeoutMs > maxTimeoutMs) {
    throw new Error(`[ai-gateway] the upstream timeout must be a whole number of milliseconds from 1 to ${maxTimeoutMs}, got ${upstreamTimeoutMs}`);
  }
  const dependencies: RequestDependencies = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    providers: createProviderRegistry(options.providers),
    // Checked at start-up like the registry: a declaration that cannot work throws here.
    providerSettings: createProviderSettingsIndex(options.providers),
    checkCustomHost: createCustomHostCheck({ allowlist: options.customHostAllowlist?.map((host) => host.toLowerCase()) }),
    upstreamTimeoutMs,
    maxUpstreamBodyBytes: options.maxUpstreamBodyBytes ?? defaultMaxUpstreamBodyBytes,
    maxAttemptsPerRequest: options.maxAttemptsPerRequest ?? defaultMaxAttemptsPerRequest,
    timedFetch: options.timedFetch,
    circuitBreaker: options.circuitBreaker === false ? undefined : createCircuitBreaker(withDefaults(defaultCircuitBreakerOptions, options.circuitBreaker), logger),
    latency: createLatencyTracker(),
    retryTiming: withDefaults(defaultRetryTiming, options.retryTiming),
    random: options.random ?? Math.random,
    serverConfig: options.serverConfig ?? (() => emptyServerConfig),
    responseCache: createResponseCache({ store: options.cacheStore, logger }),
  };
  if (options.guardrails) {
    dependencies.guardrails = {
      guardrails: createGuardrailRegistry(options.guardrails),
      logger,
      policyFetch: createPolicyFetch(dependencies.fetch, dependencies.checkCustomHost),
    };
  }
  const metrics = options.metrics === false ? undefined : createGatewayMetrics(options.metrics);
  const serverConfig = dependencies.serverConfig;
  const requestLog: RequestLog | undefined = options.requestLog === false ? undefined : createRequestLog(withFields(options.requestLog ?? {}, { store: options.requestLog?.store ?? createMemoryLogStore() }), {
    cost: (provider, model, tokens, time) => estimateCost(provider, model, tokens, time, serverConfig().prices, options.priceLookup),
    logger,
    requestStarted: metrics?.requestStarted,
    requestEnded: metrics?.requestEnded,
  });
  if (metrics && requestLog) requestLog.listen(metrics.observe);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  if (options.requireKeys === true && !options.access) {
    throw new Error('[ai-gateway] AI_GATEWAY_REQUIRE_KEYS=true needs a key store, and this runtime has none by default: pass createGateway({ access: { store } }) (docs/access.md), or run the Node gateway, which keeps keys in SQLite or Redis');
  }
  const access: GatewayAccess | undefined = options.access && createGatewayAccess(options.access, (message, fields) => logger.warn(message, fields));
  // Virtual keys live in the access store, sealed under AI_GATEWAY_SECRET_KEY.
  if (access) dependencies.virtualKeys = createVirtualKeys(access.store, options.secretKey);
  const keys = createRequestKeys(access, dependencies.virtualKeys, serverConfig, options.priceLookup);
  const readShortcuts = options.incomingShortcuts;

  // A route of another API format (Anthropic's /v1/messages) runs with providers that serve it natively or translated.
  const estimateTokens = options.estimateTokens ?? estimateTokensByLength;
  const storesResponses = options.responseStore !== false;
  const storedResponses: StoredResponses = createStoredResponses(
    options.responseStore === false ? undefined : (options.responseStore ?? createMemoryResponseStore()),
    logger,
    createReasoningSeal(options.secretKey),
  );
  const ingressDependencies = new Map<IngressFormatV1, RequestDependencies>();
  const dependenciesFor = (ingress: IngressFormatV1 | undefined): RequestDependencies => {
    if (!ingress) return dependencies;
    let routeDependencies = ingressDependencies.get(ingress);
    if (!routeDependencies) {
      const hooks = ingress.endpoint === 'responses' ? storedResponses.hooks : undefined;
      routeDependencies = withFields(dependencies, { providers: createIngressRegistry(dependencies.providers, ingress, estimateTokens, hooks) });
      ingressDependencies.set(ingress, routeDependencies);
    }
    return routeDependencies;
  };

  const handle = (endpoint: Endpoint, ingress?: IngressFormatV1) => async (context: Context): Promise<Response> => {
    const incoming = context.req.raw;
    const shortcuts = readShortcuts?.(incoming, context.env);
    const headers = shortcuts?.headers ?? incoming.headers;
    let traceId = headers.get(headerNames.traceId) ?? undefined;
    const trace: RequestTrace = { optionPath: '', retryAttempts: 0, upstreamAttempts: 0 };
    const record = requestLog?.open(incoming.method, context.req.path, endpoint, ingress?.endpoint ?? 'openai', headers, context);
    let grant: KeyGrant | undefined;
    try {
      const granting = keys.grantOf(headers);
      if (granting !== undefined) grant = await granting;
      const requestOptions = readRequestOptions(headers, newTraceId, dependencies.providerSettings);
      traceId = requestOptions.traceId;
      keys.takeProviderKey(requestOptions, grant, ingress?.apiKey?.(headers));
      if (grant) keys.attach(grant, requestOptions, record);
      let rawBody = incoming.method === 'GET' || incoming.method === 'HEAD' ? null : shortcuts?.body !== undefined ? shortcuts.body : await readBody(incoming, maxBodyBytes);
      const contentType = headers.get('content-type');
      let json = jsonEndpoints.has(endpoint) || isJsonContentType(contentType) ? parseJsonBody(rawBody) : null;
      if (jsonEndpoints.has(endpoint) && json === null) {
        throw new GatewayError('This endpoint needs a JSON request body.', { status: 400, code: 'missing_body' });
      }
      if (json !== null) checkBodyDepth(json, rawBody!.byteLength);
      if (grant) await keys.admit(grant, requestOptions, json, rawBody?.byteLength ?? 0);
      if (ingress?.endpoint === 'responses' && endpoint === 'responses' && json !== null) {
        // A stored conversation goes to every target: a fallback to a native one continues it too.
        const credential = callerCredential(conversationOwner(requestOptions, grant), headers.get(headerNames.config), requestOptions.settings);
        const preparing = storedResponses.prepare(json, credential, headers);
        const resolved = isPromiseLike(preparing) ? await preparing : preparing;
        if (resolved !== json) {
          json = resolved;
          rawBody = new TextEncoder().encode(JSON.stringify(resolved));
        }
      }
      const queryStart = incoming.url.indexOf('?');
      const request: GatewayRequest = {
        endpoint,
        method: incoming.method,
        // Only a passthrough's path is the client's; every other route's path is one of ours.
        path: endpoint === 'proxy' ? checkPassthroughPath(incoming.url, context.req.path.slice('/v1'.length)) : context.req.path.slice('/v1'.length),
        // A format route's query belongs to its client's API (Claude Code sends `/v1/messages?beta=true`);
        // Vertex AI refuses query parameters it does not know, and no provider needs this one.
        search: queryStart === -1 || ingress ? '' : incoming.url.slice(queryStart),
        headers,
        contentType,
        rawBody,
        json,
        stream: json?.stream === true,
        options: requestOptions,
        configSource: 'request',
        signal: shortcuts?.signal ?? incoming.signal,
        record,
        ingress,
      };
      if (grant) {
        const granted = grant;
        request.allowVirtualKey = (virtualKey) => access!.allowVirtualKey(granted, virtualKey);
      }
      if (record) {
        record.traceId = traceId;
        record.request = request;
      }
      const answer = await executeRequest(request, dependenciesFor(ingress), trace, context);
      setTraceHeaders(answer.headers, traceId, trace);
      if (grant) Object.assign(answer.headers, grant.headers);
      if (record) recordAnswer(record, answer, trace);
      return shortcuts?.respond?.(answer) ?? answerToResponse(answer);
    } catch (error) {
      const headers: HeaderRecord = {};
      setTraceHeaders(headers, traceId, trace);
      const failure = toGatewayError(error);
      if (failure instanceof AccessRefusal) Object.assign(headers, failure.responseHeaders);
      if (record) recordFailure(record, failure, trace, traceId, shortcuts?.signal ?? incoming.signal);
      return ingress ? ingressErrorResponse(ingress, failure, headers) : errorResponse(failure, headers);
    }
  };

  const app = new Hono();
  app.get('/', (context) => context.json({ status: 'ok', service: 'ai-gateway' }));
  const admin = createAdminGuard(options.admin);
  addControlPlaneRoutes(app, { requestLog, metrics, admin });
  addConsoleRoutes(app, { assets: options.consoleAssets, admin, incomingShortcuts: readShortcuts });
  addAdminKeyRoutes(app, access, options.admin);
  const catalogue: VirtualKeyCatalogue = { hasProvider: (id) => dependencies.providers.has(id), providerIds: () => dependencies.providers.list().map((provider) => provider.id), settings: dependencies.providerSettings };
  addAdminVirtualKeyRoutes(app, dependencies.virtualKeys, catalogue, options.admin);
  for (const route of endpointRoutes) app.on(route.method, `/v1${route.path}`, handle(route.endpoint));
  for (const format of options.ingressFormats ?? []) {
    app.post(`/v1${format.path}`, handle(format.endpoint, format));
    if (format.countTokens) app.post(`/v1${format.countTokens.path}`, handle('countTokens', format));
  }
  const proxy = handle('proxy');
  const responsesFormat = options.ingressFormats?.find((format) => format.endpoint === 'responses');
  if (responsesFormat) addResponsesRoutes(app, { format: responsesFormat, proxy, keys, storedResponses: storesResponses ? storedResponses : undefined, dependencies });
  // Every other path below /v1 passes through to the provider. Not as a catch-all route: a request
  // that matches two routes (its own and `/v1/*`) makes Hono compose a middleware chain for it,
  // about 3 µs of CPU on every chat completion.
  app.notFound((context) => {
    const path = context.req.path;
    if (path === '/v1' || path.startsWith('/v1/')) return proxy(context);
    return errorResponse(new GatewayError('Not found. The gateway serves the OpenAI API below /v1.', { status: 404, code: 'not_found' }));
  });
  app.onError((error) => errorResponse(toGatewayError(error)));
  return Object.assign(app, {
    flushRequestLog: async () => {
      await requestLog?.flush();
      // The records just built settled their keys' limits: those go to the store before the process ends.
      await access?.flushSettlements();
    },
  });
}
