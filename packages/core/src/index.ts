/**
 * The gateway's core. It re-exports the contracts (@ai-gateway/spec) and the provider authors'
 * helpers (@ai-gateway/provider-utils), so one import serves those who build on the whole gateway.
 */
export * from '@ai-gateway/spec';
export * from '@ai-gateway/provider-utils';
export { numberSetting, readGatewaySettings, type SettingsEnvironment } from './settings/read-gateway-settings.js';
export { createGateway, defaultMaxAttemptsPerRequest, defaultMaxBodyBytes, defaultUpstreamTimeoutMs, type GatewayOptions } from './app/create-gateway.js';
export { defaultMaxUpstreamBodyBytes, maxUpstreamErrorBodyBytes } from './upstream/read-upstream-body.js';
export { bufferedAnswerLimit, nullBodyStatuses } from './upstream/answer-limits.js';
export { createProviderRegistry, type ProviderRegistry } from './provider/registry.js';
export { createProviderSettingsIndex, type DeclaredSettings, type ProviderSettingsIndex } from './config/provider-settings-index.js';
export { parseConfigHeader, validateConfig } from './config/parse-config.js';
export type { Config, ConfigCache, ConfigRetry, ConfigStrategy, ConfigTarget } from './config/schema.js';
export type { IncomingShortcuts, IncomingShortcutsReader } from './request/incoming-shortcuts.js';
export { headerNames, readRequestOptions, type RequestOptions } from './request/portkey-headers.js';
export { checkCustomHost, type CustomHostPolicy } from './security/custom-host.js';
export { checkUpstreamPath } from './security/upstream-path.js';
export { isLinkLocalOrMetadataAddress } from './security/link-local-address.js';
export { guardStream, type GuardStreamOptions } from './stream/guard-stream.js';
export { newTraceId } from './trace.js';
export { emptyServerConfig, parseServerConfig, type ServerConfig } from './config/server-config.js';
export { consoleLogger, redactingLogger, silentLogger, type GatewayLogger } from './logger.js';
export { createCircuitBreaker, defaultCircuitBreakerOptions, type CircuitBreaker, type CircuitBreakerOptions } from './strategy/circuit-breaker.js';
export { matchesQuery, type QueryContext } from './config/conditions.js';
export { defaultRetryTiming, type RetryTiming } from './strategy/retry-delay.js';
export type { ExecutionTrace } from './strategy/execute-config.js';
export { createIngressRegistry } from './ingress/ingress-registry.js';
export { estimateTokensByLength, tokenCountHeader, type TokenEstimator } from './ingress/estimated-token-count.js';
export { builtinIngressFormats } from './ingress/builtin-ingress-formats.js';
export { anthropicMessagesFormat, anthropicToChatRequest, chatToAnthropicResponse, chatStreamToAnthropic } from './ingress/anthropic-messages/index.js';
export { openAIResponsesFormat, responsesToChatRequest, chatToResponsesResponse, chatStreamToResponses } from './ingress/openai-responses/index.js';
export type { HeaderRecord } from './upstream/answer.js';
export { createMemoryCacheStore, defaultMemoryCacheLimits, type MemoryCacheStoreOptions } from './cache/memory-cache-store.js';
export { decodeCachedAnswer, encodeCachedAnswer } from './cache/cached-answer-codec.js';
export { defaultCacheMaxAgeSeconds, type CacheStatus } from './cache/cache-policy.js';
export { defaultMaxCacheEntryBytes } from './cache/response-cache.js';
export { createMemoryResponseStore, type MemoryResponseStoreOptions } from './responses/memory-response-store.js';
export { defaultResponseTtlMs } from './responses/stored-responses.js';
export { createMemoryLogStore, defaultMemoryLogRecords, type MemoryLogStoreOptions } from './observe/memory-log-store.js';
export { defaultLogQueryLimit, isOkRecord, logQueryFromSearch, maxLogQueryLimit, metadataAsText, recordMatches, searchableFields } from './observe/log-query.js';
export { decodeLogCursor, encodeLogCursor, isPastLogCursor, type LogCursor } from './observe/log-cursor.js';
export { logStatsRowOf } from './observe/log-stats-row.js';
