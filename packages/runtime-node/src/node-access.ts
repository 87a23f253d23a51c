/**
 * Access control on Node: the store of gateway keys and counters (Redis when the gateway has one,
 * else the SQLite state file), and the start-up warning for a gateway open to the network.
 */
import type { AccessOptions, AccessStoreV1, GatewayLogger } from '@ai-gateway/core';
import { createRedisAccessStore, defaultRedisAccessKeyPrefix } from './redis-access-store.js';
import { createSqliteAccessStore } from './sqlite-access-store.js';
import type { StartGatewayOptions } from './start-gateway.js';

export interface NodeAccess {
  options: AccessOptions | undefined;
  /** Warns loudly when anyone who can reach the gateway may use it: no key exists and none is required. */
  warnWhenOpen(logger: GatewayLogger, host: string | undefined): Promise<void>;
  close(): Promise<void>;
}

/** The store the settings name: Redis when there is one, else the SQLite state file, else none. The CLI's `keys` uses it too. */
export function nodeAccessStore(options: Pick<StartGatewayOptions, 'redisUrl' | 'redisKeyPrefix' | 'stateDb'>): (AccessStoreV1 & { close(): Promise<void> }) | undefined {
  if (options.redisUrl) {
    return createRedisAccessStore({ url: options.redisUrl, keyPrefix: options.redisKeyPrefix === undefined ? defaultRedisAccessKeyPrefix : `${options.redisKeyPrefix}access:` });
  }
  return options.stateDb ? createSqliteAccessStore({ path: options.stateDb }) : undefined;
}

export function nodeAccess(options: StartGatewayOptions): NodeAccess {
  if (options.access) return { options: options.access, warnWhenOpen: async () => {}, close: async () => {} };
  const store = nodeAccessStore(options);
  if (!store && options.requireKeys) throw new Error('[ai-gateway] AI_GATEWAY_REQUIRE_KEYS=true needs a key store: give stateDb (AI_GATEWAY_STATE_DB), redisUrl or access');
  return {
    options: store && { store, requireKeys: options.requireKeys },
    async warnWhenOpen(logger, host) {
      if (options.requireKeys !== undefined) return;
      const hasKeys = await store?.hasKeys().catch(() => true);
      if (hasKeys) return;
      logger.warn(
        'THIS GATEWAY IS OPEN: it listens beyond loopback and no gateway key exists, so anyone who reaches it can spend its provider keys. Create a key (ai-gateway keys create --name NAME) or set AI_GATEWAY_REQUIRE_KEYS=true; AI_GATEWAY_REQUIRE_KEYS=false says this is meant.',
        { host },
      );
    },
    close: async () => store?.close(),
  };
}
