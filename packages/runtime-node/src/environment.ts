import { numberSetting, readGatewaySettings, withFields } from '@ai-gateway/core';
import type { StartGatewayOptions } from './start-gateway.js';
import { createOtelTraceSink } from './otel-trace-sink.js';
import { defaultStateDb } from './sqlite-access-store.js';

/** Where the CLI keeps the request log unless `AI_GATEWAY_LOG_DB` says otherwise: in the working directory. */
export const defaultLogDb = 'ai-gateway-logs.db';

function logDbSetting(environment: NodeJS.ProcessEnv): string | false {
  const value = environment.AI_GATEWAY_LOG_DB?.trim();
  if (value === 'off') return false;
  return value || defaultLogDb;
}

/** Where keys and counters live unless `AI_GATEWAY_STATE_DB` says otherwise (or Redis holds them): `defaultStateDb`. */
function stateDbSetting(environment: NodeJS.ProcessEnv): string {
  return environment.AI_GATEWAY_STATE_DB?.trim() || defaultStateDb;
}

function daysSetting(environment: NodeJS.ProcessEnv, name: string): number | undefined {
  const days = numberSetting(environment, name);
  return days === undefined ? undefined : days * 24 * 60 * 60 * 1000;
}

export interface GatewayEnvironment {
  gatewayOptions: Partial<StartGatewayOptions>;
  shutdownTimeoutMs: number;
}

/**
 * Operator settings from the environment: the ones every runtime reads (core's
 * `readGatewaySettings`), and Node's own (Redis, the request-body timeout, the shutdown wait).
 * Invalid values stop start-up with a clear message.
 */
export function readGatewayEnvironment(environment: NodeJS.ProcessEnv): GatewayEnvironment {
  const shared = readGatewaySettings(environment);
  const redisUrl = environment.AI_GATEWAY_REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//i.test(redisUrl)) {
    throw new Error('[ai-gateway] AI_GATEWAY_REDIS_URL must be a redis:// or rediss:// URL');
  }
  return {
    gatewayOptions: withFields(shared, {
      requestBodyTimeoutMs: numberSetting(environment, 'AI_GATEWAY_REQUEST_BODY_TIMEOUT_MS'),
      // The response cache and stored responses: shared in Redis when a URL is given, else in this process's memory.
      redisUrl,
      redisKeyPrefix: environment.AI_GATEWAY_REDIS_KEY_PREFIX || undefined,
      cacheStore: redisUrl ? undefined : shared.cacheStore,
      // The request log's SQLite file; `off` keeps records in memory only (nothing on disk).
      logDb: logDbSetting(environment),
      logMaxAgeMs: daysSetting(environment, 'AI_GATEWAY_LOG_RETENTION_DAYS'),
      logMaxBytes: numberSetting(environment, 'AI_GATEWAY_LOG_MAX_BYTES'),
      traceSink: createOtelTraceSink(environment),
      // Gateway keys and counters: in Redis when a URL is given, else in this SQLite file.
      stateDb: stateDbSetting(environment),
    }),
    shutdownTimeoutMs: numberSetting(environment, 'AI_GATEWAY_SHUTDOWN_TIMEOUT_MS', 30_000)!,
  };
}
