/**
 * Access control on Node: the store of gateway keys and counters (Redis when the gateway has one,
 * else the SQLite state file), and the start-up warning for a gateway open to the network.
 */
import { checkVirtualKeySecret, type AccessOptions, type AccessStoreV1, type GatewayLogger, type VirtualKeyV1 } from '@ai-gateway/core';
import { createRedisAccessStore, defaultRedisAccessKeyPrefix } from './redis-access-store.js';
import { createSqliteAccessStore } from './sqlite-access-store.js';
import type { StartGatewayOptions } from './start-gateway.js';

export interface NodeAccess {
  options: AccessOptions | undefined;
  /**
   * Stops start-up (throws naming AI_GATEWAY_SECRET_KEY) when the store holds virtual keys and the
   * setting is missing or does not open them. A store that cannot be reached is reported, not fatal:
   * requests naming a virtual key then answer 503 until it answers.
   */
  checkVirtualKeys(secretKey: Uint8Array | undefined, logger: GatewayLogger): Promise<void>;
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
  const checkVirtualKeys = (store: AccessStoreV1 | undefined) => async (secretKey: Uint8Array | undefined, logger: GatewayLogger) => {
    if (!store) return;
    let keys: VirtualKeyV1[];
    try {
      keys = await store.listVirtualKeys();
    } catch (error) {
      logger.warn('the virtual keys could not be checked against AI_GATEWAY_SECRET_KEY: the access store is unavailable', { store: store.name, error: (error as Error).message });
      return;
    }
    await checkVirtualKeySecret(keys, secretKey);
  };
  if (options.access) return { options: options.access, checkVirtualKeys: checkVirtualKeys(options.access.store), warnWhenOpen: async () => {}, close: async () => {} };
  const store = nodeAccessStore(options);
  if (!store && options.requireKeys) throw new Error('[ai-gateway] AI_GATEWAY_REQUIRE_KEYS=true needs a key store: give stateDb (AI_GATEWAY_STATE_DB), redisUrl or access');
  return {
    options: store && { store, requireKeys: options.requireKeys },
    checkVirtualKeys: checkVirtualKeys(store),
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
