/**
 * The contracts of AI Gateway, as types: what a provider, a client format and a cache store
 * implement, versioned in folders (`provider/v1`, ...). A breaking change adds a `v2` beside the
 * `v1` and an adapter from it; a published version is never edited. Nothing here runs: the package
 * holds types and a few constants, so a provider author depends on it and on nothing of the app.
 */
export { allEndpoints, endpointRoutes, type Endpoint, type EndpointRoute } from './provider/v1/endpoints.js';
export type {
  EndpointAdapterV1, JsonObject, ProviderCall, ProviderErrorDetails, ProviderSettingTypeV1, ProviderSettingV1, ProviderV1, TargetOptions, UpstreamRequestDraft,
} from './provider/v1/provider.js';
export type { ChatChunkSinkV1 } from './provider/v1/chat-chunk-sink.js';
export type { ClientSignal, DeferredStreamV1, DirectTransformV1, StreamGuard, TimedFetch, TimedRequestInit, UpstreamFetch, UpstreamRequestInit, UpstreamResponse } from './provider/v1/upstream-fetch.js';
export type { IngressErrorV1, IngressFormatV1, IngressTokenCountV1 } from './ingress/v1/ingress-format.js';
export type { CachedAnswer, CacheStore } from './cache/v1/cache-store.js';
export type { ResponseStoreV1, StoredResponseEntryV1, StoredResponseItemV1, StoredResponseV1 } from './responses/v1/response-store.js';
export type { GuardrailCheckV1, GuardrailContextV1, GuardrailEventV1, GuardrailResultV1 } from './guardrail/v1/guardrail-check.js';
export type { AttemptOutcomeV1, AttemptRecordV1, RecordedBodyV1, RequestRecordV1, TokenUsageV1 } from './log/v1/request-record.js';
export type { LogPageV1, LogQueryV1, LogSinkV1, LogStatsRowV1, LogStoreV1 } from './log/v1/log-sink.js';
export type { PriceLookupV1 } from './log/v1/price-lookup.js';
export type { BudgetV1, GatewayKeyChangesV1, GatewayKeyV1, RateLimitsV1 } from './access/v1/gateway-key.js';
export type { AccessStoreV1, CounterStoreV1, CounterTakeAllV1, CounterTakeItemV1, CounterTakeV1, KeyStoreV1 } from './access/v1/access-store.js';
export type { VirtualKeyStoreV1, VirtualKeyV1 } from './access/v1/virtual-key.js';
