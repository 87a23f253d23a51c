/**
 * Gateway keys, their counters and virtual keys (secrets sealed) in a SQLite file (`AI_GATEWAY_STATE_DB`): Node's default access
 * store. It survives restarts, and the `ai-gateway keys` command and every gateway process on the
 * machine share it: each counter operation is one immediate transaction, which SQLite runs one at
 * a time across processes. Several machines need the Redis store. The file is made when the
 * first key is: until then a gateway only looks whether it exists, and leaves no file behind.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { applyKeyChanges, withFields, type AccessStoreV1, type CounterTakeItemV1, type GatewayKeyV1, type VirtualKeyV1 } from '@ai-gateway/core';

/** Where the CLI keeps keys and counters unless `AI_GATEWAY_STATE_DB` says otherwise: in the working directory. */
export const defaultStateDb = 'ai-gateway-state.db';

export interface SqliteAccessStore extends AccessStoreV1 {
  close(): Promise<void>;
}

const layoutVersion = 1;
const createLayout = `
CREATE TABLE IF NOT EXISTS gateway_keys (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS virtual_keys (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL,
  expires_at INTEGER
);
`;

/** How often expired counters are deleted (they are ignored as soon as they expire). */
const sweepIntervalMs = 60_000;

function openStateDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const SqliteDatabase = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  const database = new SqliteDatabase(path);
  try {
    database.pragma('journal_mode = WAL');
    // Another process (the CLI, a second gateway) may hold the write lock for a moment.
    database.pragma('busy_timeout = 2000');
    const version = database.pragma('user_version', { simple: true }) as number;
    if (version > layoutVersion) throw new Error(`[ai-gateway] [access store] [sqlite] ${path} was written by a newer version of the gateway (layout ${version}; this one reads ${layoutVersion})`);
    database.exec(createLayout);
    database.pragma(`user_version = ${layoutVersion}`);
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/**
 * @example
 * ```ts
 * const store = createSqliteAccessStore({ path: 'ai-gateway-state.db' });
 * const gateway = await startGateway({ access: { store } });
 * ```
 */
export function createSqliteAccessStore(options: { path: string }): SqliteAccessStore {
  let opened: ReturnType<typeof openStatements> | undefined;
  /** The file's statements; undefined while there is no file and `create` is false. */
  const statements = (create: boolean) => {
    if (!opened && (create || options.path === ':memory:' || existsSync(options.path))) opened = openStatements(options.path);
    return opened;
  };
  const parse = (row: { key: string } | undefined): GatewayKeyV1 | undefined => (row ? (JSON.parse(row.key) as GatewayKeyV1) : undefined);

  return {
    name: 'sqlite',
    async create(key) {
      statements(true)!.insertKey.run(key.id, key.hash, key.created_at, JSON.stringify(key));
    },
    async list() {
      return statements(false)?.selectAll.all().map((row) => parse(row)!) ?? [];
    },
    async get(id) {
      return parse(statements(false)?.selectById.get(id));
    },
    async findByHash(hash) {
      return parse(statements(false)?.selectByHash.get(hash));
    },
    async update(id, changes) {
      return statements(false)?.change.immediate(id, (key) => applyKeyChanges(key, changes));
    },
    async revoke(id, at) {
      return statements(false)?.change.immediate(id, (key) => (key.revoked_at ? key : withFields(key, { revoked_at: at })));
    },
    async hasKeys() {
      return statements(false)?.selectAny.get() !== undefined;
    },
    async take(name, amount, limit, expiresAt) {
      return statements(true)!.take.immediate(name, amount, limit, expiresAt);
    },
    async takeAll(items) {
      return statements(true)!.takeAll.immediate(items);
    },
    async add(name, amount, expiresAt) {
      return statements(true)!.add.immediate(name, amount, expiresAt);
    },
    async current(name) {
      return statements(false)?.currentValue(name, Date.now()) ?? 0;
    },
    async putVirtualKey(key, mode) {
      const { insertVirtualKey, updateVirtualKey } = statements(true)!;
      const result = mode === 'create' ? insertVirtualKey.run(key.id, key.created_at, JSON.stringify(key)) : updateVirtualKey.run(JSON.stringify(key), key.id);
      return result.changes === 1;
    },
    async getVirtualKey(id) {
      const row = statements(false)?.selectVirtualKey.get(id);
      return row ? (JSON.parse(row.key) as VirtualKeyV1) : undefined;
    },
    async listVirtualKeys() {
      return statements(false)?.selectVirtualKeys.all().map((row) => JSON.parse(row.key) as VirtualKeyV1) ?? [];
    },
    async removeVirtualKey(id) {
      return (statements(false)?.deleteVirtualKey.run(id).changes ?? 0) === 1;
    },
    async close() {
      if (opened?.database.open) opened.database.close();
    },
  };
}

function openStatements(path: string) {
  const database = openStateDatabase(path);
  const parse = (row: { key: string } | undefined): GatewayKeyV1 | undefined => (row ? (JSON.parse(row.key) as GatewayKeyV1) : undefined);
  const selectById = database.prepare<[string], { key: string }>('SELECT key FROM gateway_keys WHERE id = ?');
  const updateKey = database.prepare('UPDATE gateway_keys SET key = ? WHERE id = ?');
  const selectCounter = database.prepare<[string, number], { value: number }>('SELECT value FROM counters WHERE name = ? AND (expires_at IS NULL OR expires_at > ?)');
  const upsertCounter = database.prepare('INSERT INTO counters (name, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at');
  const deleteExpired = database.prepare('DELETE FROM counters WHERE expires_at IS NOT NULL AND expires_at <= ?');
  let sweptAt = 0;
  const currentValue = (name: string, now: number) => selectCounter.get(name, now)?.value ?? 0;
  const sweep = (now: number) => {
    if (now - sweptAt <= sweepIntervalMs) return;
    sweptAt = now;
    deleteExpired.run(now);
  };
  return {
    database,
    currentValue,
    selectById,
    insertKey: database.prepare('INSERT INTO gateway_keys (id, hash, created_at, key) VALUES (?, ?, ?, ?)'),
    selectByHash: database.prepare<[string], { key: string }>('SELECT key FROM gateway_keys WHERE hash = ?'),
    selectAll: database.prepare<[], { key: string }>('SELECT key FROM gateway_keys ORDER BY created_at, rowid'),
    selectAny: database.prepare<[], { found: number }>('SELECT 1 AS found FROM gateway_keys LIMIT 1'),
    insertVirtualKey: database.prepare('INSERT OR IGNORE INTO virtual_keys (id, created_at, key) VALUES (?, ?, ?)'),
    updateVirtualKey: database.prepare('UPDATE virtual_keys SET key = ? WHERE id = ?'),
    selectVirtualKey: database.prepare<[string], { key: string }>('SELECT key FROM virtual_keys WHERE id = ?'),
    selectVirtualKeys: database.prepare<[], { key: string }>('SELECT key FROM virtual_keys ORDER BY created_at, rowid'),
    deleteVirtualKey: database.prepare('DELETE FROM virtual_keys WHERE id = ?'),
    change: database.transaction((id: string, apply: (key: GatewayKeyV1) => GatewayKeyV1) => {
      const key = parse(selectById.get(id));
      if (!key) return undefined;
      const changed = apply(key);
      updateKey.run(JSON.stringify(changed), id);
      return changed;
    }),
    take: database.transaction((name: string, amount: number, limit: number, expiresAt: number | undefined) => {
      const now = Date.now();
      sweep(now);
      const total = currentValue(name, now);
      if (total + amount > limit) return { allowed: false, total };
      upsertCounter.run(name, total + amount, expiresAt ?? null);
      return { allowed: true, total: total + amount };
    }),
    takeAll: database.transaction((items: readonly CounterTakeItemV1[]) => {
      const now = Date.now();
      sweep(now);
      const totals = items.map((item) => currentValue(item.key, now));
      const refused = items.findIndex((item, index) => totals[index] + item.amount > item.limit);
      if (refused !== -1) return { allowed: false, totals, refused };
      items.forEach((item, index) => {
        totals[index] += item.amount;
        upsertCounter.run(item.key, totals[index], item.expiresAt ?? null);
      });
      return { allowed: true, totals, refused: -1 };
    }),
    add: database.transaction((name: string, amount: number, expiresAt: number | undefined) => {
      const total = currentValue(name, Date.now()) + amount;
      upsertCounter.run(name, total, expiresAt ?? null);
      return total;
    }),
  };
}
