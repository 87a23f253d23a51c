export { defaultRequestBodyTimeoutMs, startGateway, type RunningGateway, type StartGatewayOptions } from './start-gateway.js';
export { createUpstreamFetch, defaultMaxBufferedAnswerBytes, type UpstreamFetchOptions } from './upstream-fetch.js';
export { readGatewayEnvironment, type GatewayEnvironment } from './environment.js';
export { loadConfigFile, watchConfigFile, type ConfigFileWatcher } from './config-file.js';
export { createRedisCacheStore, defaultRedisKeyPrefix, type RedisCacheStore, type RedisCacheStoreOptions } from './redis-cache-store.js';
export { createRedisResponseStore, defaultRedisResponseKeyPrefix, type RedisResponseStore, type RedisResponseStoreOptions } from './redis-response-store.js';
export { createOtelTraceSink } from './otel-trace-sink.js';
export { createSqliteLogStore, defaultLogMaxAgeMs, defaultLogMaxBytes, defaultLogPruneIntervalMs, type SqliteLogStore, type SqliteLogStoreOptions } from './sqlite-log-store.js';
export { consoleFolder, readConsoleFiles } from './console-files.js';
