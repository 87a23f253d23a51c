/**
 * Gateway keys and their counters in Redis, shared by every gateway instance that points at it.
 * Counters change only inside Lua scripts (check and add in one step), so instances never race
 * for the last unit of a limit; a key's changes are written only when nobody changed it since it
 * was read (compare and set), so a revocation is never undone by a concurrent update.
 *
 * Layout under the prefix: `key:{id}` (the key as JSON), `hash:{sha256}` (its id), `keys` (ids by
 * creation time), `counter:{name}` (an integer with Redis's own expiry), `virtual-key:{id}` (a
 * virtual key as JSON, its secrets sealed) and `virtual-keys` (their ids by creation time).
 */
import type { Redis } from 'ioredis';
import { applyKeyChanges, withFields, type AccessStoreV1, type GatewayKeyV1, type VirtualKeyV1 } from '@ai-gateway/core';
import { createLazyRedis } from './lazy-redis.js';

export interface RedisAccessStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  url: string;
  /** Prefix of every key. Default `ai-gateway:access:`. */
  keyPrefix?: string;
  /** How long one command may take before the request is refused (503). Default 1,000 ms. */
  commandTimeoutMs?: number;
}

export interface RedisAccessStore extends AccessStoreV1 {
  close(): Promise<void>;
}

export const defaultRedisAccessKeyPrefix = 'ai-gateway:access:';

const takeScript = `
local total = tonumber(redis.call('GET', KEYS[1]) or '0')
if total + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return {0, total} end
total = redis.call('INCRBY', KEYS[1], ARGV[1])
if ARGV[3] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
return {1, total}`;

// KEYS: the counters; ARGV: amount, limit, expiry (or '') of each, in turn. All or none.
const takeAllScript = `
local totals = {}
for index, key in ipairs(KEYS) do
  local total = tonumber(redis.call('GET', key) or '0')
  totals[index] = total
  if total + tonumber(ARGV[index * 3 - 2]) > tonumber(ARGV[index * 3 - 1]) then return {index - 1, totals} end
end
for index, key in ipairs(KEYS) do
  totals[index] = redis.call('INCRBY', key, ARGV[index * 3 - 2])
  if ARGV[index * 3] ~= '' then redis.call('PEXPIREAT', key, ARGV[index * 3]) end
end
return {-1, totals}`;

const addScript = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
if ARGV[2] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
return total`;

const compareAndSetScript = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

const findByHashScript = `
local id = redis.call('GET', KEYS[1])
if not id then return false end
return redis.call('GET', ARGV[1] .. id)`;

interface AccessCommands {
  aigTake(counter: string, amount: number, limit: number, expiresAt: string): Promise<[number, number]>;
  aigTakeAll(numberOfKeys: number, ...keysThenArguments: (string | number)[]): Promise<[number, number[]]>;
  aigAdd(counter: string, amount: number, expiresAt: string): Promise<number>;
  aigCompareAndSet(key: string, expected: string, next: string): Promise<number>;
  aigFindByHash(hashKey: string, keyPrefix: string): Promise<string | null>;
}

/** Tries a compare-and-set this many times before reporting a conflict. */
const maxChangeAttempts = 5;

/**
 * @example
 * ```ts
 * const store = createRedisAccessStore({ url: 'redis://127.0.0.1:6379' });
 * const gateway = await startGateway({ access: { store } });
 * ```
 */
export function createRedisAccessStore(options: RedisAccessStoreOptions): RedisAccessStore {
  const prefix = options.keyPrefix ?? defaultRedisAccessKeyPrefix;
  const redis = createLazyRedis(options.url, options.commandTimeoutMs ?? 1_000, 'access store');
  let commands: Promise<Redis & AccessCommands> | undefined;
  const connect = () => {
    commands ??= redis.connect().then((client) => {
      client.defineCommand('aigTake', { numberOfKeys: 1, lua: takeScript });
      client.defineCommand('aigAdd', { numberOfKeys: 1, lua: addScript });
      // The number of keys comes first in each call: a request has one to three counters.
      client.defineCommand('aigTakeAll', { lua: takeAllScript });
      client.defineCommand('aigCompareAndSet', { numberOfKeys: 1, lua: compareAndSetScript });
      client.defineCommand('aigFindByHash', { numberOfKeys: 1, lua: findByHashScript });
      return client as Redis & AccessCommands;
    });
    return commands;
  };
  const parse = (text: string | null): GatewayKeyV1 | undefined => (text ? (JSON.parse(text) as GatewayKeyV1) : undefined);
  const change = async (id: string, apply: (key: GatewayKeyV1) => GatewayKeyV1): Promise<GatewayKeyV1 | undefined> => {
    const client = await connect();
    for (let attempt = 0; attempt < maxChangeAttempts; attempt += 1) {
      const text = await client.get(`${prefix}key:${id}`);
      if (text === null) return undefined;
      const changed = apply(JSON.parse(text) as GatewayKeyV1);
      if ((await client.aigCompareAndSet(`${prefix}key:${id}`, text, JSON.stringify(changed))) === 1) return changed;
    }
    throw new Error(`[ai-gateway] [access store] [redis] key ${id} kept changing while it was being changed`);
  };
  const expiry = (expiresAt: number | undefined) => (expiresAt === undefined ? '' : String(Math.ceil(expiresAt)));

  return {
    name: 'redis',
    async create(key) {
      const client = await connect();
      await client.multi()
        .set(`${prefix}key:${key.id}`, JSON.stringify(key))
        .set(`${prefix}hash:${key.hash}`, key.id)
        .zadd(`${prefix}keys`, Date.parse(key.created_at), key.id)
        .exec();
    },
    async list() {
      const client = await connect();
      const ids = await client.zrange(`${prefix}keys`, '0', '-1');
      if (ids.length === 0) return [];
      const texts = await client.mget(ids.map((id) => `${prefix}key:${id}`));
      return texts.map(parse).filter((key): key is GatewayKeyV1 => key !== undefined);
    },
    async get(id) {
      return parse(await (await connect()).get(`${prefix}key:${id}`));
    },
    async findByHash(hash) {
      return parse(await (await connect()).aigFindByHash(`${prefix}hash:${hash}`, `${prefix}key:`));
    },
    update: (id, changes) => change(id, (key) => applyKeyChanges(key, changes)),
    revoke: (id, at) => change(id, (key) => (key.revoked_at ? key : withFields(key, { revoked_at: at }))),
    async hasKeys() {
      return (await (await connect()).exists(`${prefix}keys`)) === 1;
    },
    async take(name, amount, limit, expiresAt) {
      const [allowed, total] = await (await connect()).aigTake(`${prefix}counter:${name}`, amount, limit, expiry(expiresAt));
      return { allowed: allowed === 1, total };
    },
    async takeAll(items) {
      const keys = items.map((item) => `${prefix}counter:${item.key}`);
      const values = items.flatMap((item) => [item.amount, item.limit, expiry(item.expiresAt)]);
      const [refused, totals] = await (await connect()).aigTakeAll(items.length, ...keys, ...values);
      // A refusal stops at the counter that refused: the ones after it were not read.
      const read = items.map((_item, index) => Number(totals[index] ?? 0));
      return { allowed: refused === -1, totals: read, refused };
    },
    async add(name, amount, expiresAt) {
      return (await connect()).aigAdd(`${prefix}counter:${name}`, amount, expiry(expiresAt));
    },
    async current(name) {
      return Number((await (await connect()).get(`${prefix}counter:${name}`)) ?? 0);
    },
    async putVirtualKey(key, mode) {
      const client = await connect();
      const name = `${prefix}virtual-key:${key.id}`;
      const written = mode === 'create' ? await client.set(name, JSON.stringify(key), 'NX') : await client.set(name, JSON.stringify(key), 'XX');
      if (written !== 'OK') return false;
      await client.zadd(`${prefix}virtual-keys`, Date.parse(key.created_at), key.id);
      return true;
    },
    async getVirtualKey(id) {
      const text = await (await connect()).get(`${prefix}virtual-key:${id}`);
      return text ? (JSON.parse(text) as VirtualKeyV1) : undefined;
    },
    async listVirtualKeys() {
      const client = await connect();
      const ids = await client.zrange(`${prefix}virtual-keys`, '0', '-1');
      if (ids.length === 0) return [];
      const texts = await client.mget(ids.map((id) => `${prefix}virtual-key:${id}`));
      return texts.filter((text): text is string => text !== null).map((text) => JSON.parse(text) as VirtualKeyV1);
    },
    async removeVirtualKey(id) {
      const client = await connect();
      const [[, removed]] = (await client.multi().del(`${prefix}virtual-key:${id}`).zrem(`${prefix}virtual-keys`, id).exec()) as [[unknown, number], [unknown, number]];
      return removed === 1;
    },
    close: () => redis.close(),
  };
}
