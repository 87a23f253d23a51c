/**
 * The request log in a SQLite file: Node's default log store. It survives restarts, answers the
 * logs API and the console with indexed queries, and keeps itself within an age and a size, pruned
 * in the background. One file per gateway process: several instances need a shared store or a
 * file each.
 *
 * better-sqlite3 is synchronous: a write runs on the event loop, after the answers it records were
 * sent, as one transaction per batch.
 */
import { consoleLogger, encodeLogCursor, type GatewayLogger, type LogStoreV1, type RequestRecordV1 } from '@ai-gateway/core';
import { openLogDatabase } from './sqlite-log-schema.js';
import { insertRecordSql, recordRow, selectPageSql } from './sqlite-log-query.js';
import { createRetention } from './sqlite-log-retention.js';

/** Records older than this go (7 days). */
export const defaultLogMaxAgeMs = 7 * 24 * 60 * 60 * 1000;
/** The file is kept under this size (1 GiB). */
export const defaultLogMaxBytes = 1024 * 1024 * 1024;
/** How often retention runs (5 s). */
export const defaultLogPruneIntervalMs = 5_000;

export interface SqliteLogStoreOptions {
  /** The database file; made with its folder when missing, reopened with its records when there. */
  path: string;
  /** Records that started longer ago than this are deleted. Default 7 days. */
  maxAgeMs?: number;
  /** The file's size cap in bytes: the oldest records go first to keep under it. Default 1 GiB. */
  maxBytes?: number;
  /** How often retention runs, in milliseconds. Default 5,000. */
  pruneIntervalMs?: number;
  /** Where a failed retention pass is reported. Default: the console. */
  logger?: GatewayLogger;
}

export interface SqliteLogStore extends LogStoreV1 {
  /** Stops retention and closes the file (pending WAL pages are copied into it). */
  close(): Promise<void>;
}

interface PageRow {
  id: number;
  started_at: number;
  record: string;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new TypeError(`[ai-gateway] [log store] [sqlite] ${name} must be a positive number, not ${value}`);
  return value;
}

/**
 * @example
 * ```ts
 * const logStore = createSqliteLogStore({ path: '.ai-gateway/logs.db', maxAgeMs: 3 * 24 * 60 * 60 * 1000 });
 * ```
 */
export function createSqliteLogStore(options: SqliteLogStoreOptions): SqliteLogStore {
  const limits = { maxAgeMs: positive('maxAgeMs', options.maxAgeMs ?? defaultLogMaxAgeMs), maxBytes: positive('maxBytes', options.maxBytes ?? defaultLogMaxBytes) };
  const pruneIntervalMs = positive('pruneIntervalMs', options.pruneIntervalMs ?? defaultLogPruneIntervalMs);
  const logger = options.logger ?? consoleLogger;
  const database = openLogDatabase(options.path);
  const insert = database.prepare(insertRecordSql);
  const writeBatch = database.transaction((records: readonly RequestRecordV1[]) => {
    for (const record of records) insert.run(recordRow(record));
  });
  const selectByTraceId = database.prepare('SELECT record FROM records WHERE trace_id = ? ORDER BY id DESC LIMIT 1').pluck();
  const selectStats = database.prepare('SELECT stats FROM records WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT ?').pluck();
  const prune = createRetention(database, limits);
  let closed = false;
  // The file may be over a lowered cap, or hold records past a shortened age, from its last run.
  let writtenSincePrune = true;

  const open = () => {
    if (closed) throw new Error(`[ai-gateway] [log store] [sqlite] ${options.path} is closed`);
  };
  const timer = setInterval(() => {
    try {
      prune(Date.now(), writtenSincePrune);
      writtenSincePrune = false;
    } catch (error) {
      logger.warn('[ai-gateway] [log store] [sqlite] retention failed; it is tried again', { path: options.path, error: (error as Error).message });
    }
  }, pruneIntervalMs);
  // Retention never keeps a process alive that has nothing else to do.
  timer.unref();

  return {
    name: 'sqlite',
    async write(records) {
      open();
      if (records.length === 0) return;
      writeBatch(records);
      writtenSincePrune = true;
    },
    async query(query) {
      open();
      const { sql, parameters } = selectPageSql(query);
      const rows = database.prepare(sql).all(...parameters) as PageRow[];
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const more = rows.length > page.length && last !== undefined;
      return {
        data: page.map((row) => JSON.parse(row.record) as RequestRecordV1),
        next_cursor: more ? encodeLogCursor({ startedAt: last.started_at, sequence: last.id }) : null,
      };
    },
    async get(traceId) {
      open();
      const text = selectByTraceId.get(traceId) as string | undefined;
      return text === undefined ? undefined : (JSON.parse(text) as RequestRecordV1);
    },
    async statsRows(from, to, limit) {
      open();
      const rows = selectStats.all(from, to, Math.max(0, limit)) as string[];
      return rows.reverse().map((text) => JSON.parse(text));
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      database.close();
    },
  };
}
