/**
 * The request log in a SQLite file: Node's default log store. It survives restarts, answers the
 * logs API and the console with indexed queries, and keeps itself within an age and a size, pruned
 * in the background. One file per gateway process: several instances need a shared store or a
 * file each.
 *
 * better-sqlite3 is synchronous, and a batch's insert (with the file system's waits) or a
 * retention pass can take milliseconds: they run in a worker thread (sqlite-log-writer.js), and
 * this thread only turns records into rows and reads.
 */
import { consoleLogger, encodeLogCursor, headerNames, hookResultsText, rememberedByConfigText, type GatewayLogger, type LogStoreV1, type RequestRecordV1 } from '@ai-gateway/core';
import { openLogDatabase } from './sqlite-log-schema.js';
import { fieldSeparator, insertRecordSql, recordColumns, selectPageSql, statsColumns, statsRowOf, type StatsColumns } from './sqlite-log-query.js';
import { Worker } from 'node:worker_threads';

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
  /** Where a failed retention pass and dropped records are reported. Default: the console. */
  logger?: GatewayLogger;
  /**
   * Batches handed to the writer and not yet written, at most; past it new batches are dropped
   * (counted, and reported once the writer has caught up). Default 200: about 10 s of batches.
   */
  maxQueuedBatches?: number;
}

export interface SqliteLogStore extends LogStoreV1 {
  /** Turns a record into the text its batch carries, as the record is built (`LogSinkV1.accept`). */
  accept(record: RequestRecordV1): void;
  /** Resolves once every batch handed over so far is written. */
  flush(): Promise<void>;
  /** Stops retention and closes the file (pending WAL pages are copied into it). */
  close(): Promise<void>;
}

/**
 * A record as its row keeps it: the fields that have columns of their own (`columnFields`), its
 * JSON text without them and without the bodies' text, and the bodies. Rows written by versions
 * before layout 2 have those fields in their text too; the columns hold the same values.
 */
interface StoredRecord {
  started_at: number;
  trace_id: string;
  status: number;
  key_id: string | null;
  provider: string | null;
  model: string | null;
  response_model: string | null;
  latency_ms: number;
  ttfb_ms: number | null;
  cost: number | null;
  record: string;
  request_body: string | null;
  response_body: string | null;
}

interface PageRow extends StoredRecord {
  id: number;
  started_at: number;
}

/**
 * What a record's `guardrails` field holds while its JSON text is made, for the writer to replace
 * with the results' text: a value no record can hold by chance (it names this process's random id).
 */
const guardrailsPlaceholder = `\u0000guardrails ${crypto.randomUUID()}\u0000`;
/** The placeholder as the record's JSON text has it. */
const guardrailsPlaceholderText = JSON.stringify(guardrailsPlaceholder);

/**
 * The config header a record keeps (its text without keys) is JSON inside JSON: each of its quotes
 * is escaped, and `JSON.stringify` on Node 20 spends about 30 instructions a character on such
 * text, the most of any field of a record whose config has guardrails. A client sends the same
 * config on every request, so its escaped text is remembered, and put where a placeholder stood.
 */
const configPlaceholder = `\u0000config ${crypto.randomUUID()}\u0000`;
const configPlaceholderText = JSON.stringify(configPlaceholder);
const configJsonText = rememberedByConfigText((config) => JSON.stringify(config));

/** `text` with the placeholder's JSON text replaced by `replacement`. */
function replaced(text: string, placeholderText: string, replacement: string): string {
  const at = text.indexOf(placeholderText);
  return at === -1 ? text : `${text.slice(0, at)}${replacement}${text.slice(at + placeholderText.length)}`;
}

/**
 * A batch as the writer gets it: one string (a string crosses threads as one copy; an array of
 * them is cloned piece by piece), the records' pieces one after another. A record's piece is the
 * fields its columns are made of (`columnFields`), its JSON text without the bodies' text and the
 * guardrails' results, then the two bodies (see sqlite-log-writer.js for why they come apart) and
 * the results' JSON text, each preceded by its length and a comma, so no character of a body can
 * be mistaken for a separator. A missing body or result is `-`.
 */
function recordPiece(record: RequestRecordV1): string {
  const columns = columnFields(record);
  const requestBody = record.request.text;
  const responseBody = record.response.text;
  const guardrails = record.guardrails;
  const headers = record.request_headers;
  const config = headers[headerNames.config];
  const { trace_id, started_at, key_id, provider, model, response_model, status, latency_ms, ttfb_ms, cost } = record;
  // Taken out for the moment of the copy, and put back before anything else can see the record.
  // The fields kept in columns are left out of the text (JSON.stringify skips a property that is
  // undefined): on Node 20 they were a fifth of its cost, about 8,000 instructions a record, and
  // 260 bytes of each row. `wholeRecord` puts them back.
  const blank = record as unknown as Record<string, undefined>;
  blank.trace_id = blank.started_at = blank.key_id = blank.provider = blank.model = undefined;
  blank.response_model = blank.status = blank.latency_ms = blank.ttfb_ms = blank.cost = undefined;
  record.request.text = null;
  record.response.text = null;
  if (guardrails !== null && guardrails !== undefined) record.guardrails = guardrailsPlaceholder;
  if (config !== undefined) headers[headerNames.config] = configPlaceholder;
  let text: string;
  try {
    text = JSON.stringify(record);
  } finally {
    record.trace_id = trace_id;
    record.started_at = started_at;
    record.key_id = key_id;
    record.provider = provider;
    record.model = model;
    record.response_model = response_model;
    record.status = status;
    record.latency_ms = latency_ms;
    record.ttfb_ms = ttfb_ms;
    record.cost = cost;
    record.request.text = requestBody;
    record.response.text = responseBody;
    record.guardrails = guardrails;
    if (config !== undefined) headers[headerNames.config] = config;
  }
  if (config !== undefined) text = replaced(text, configPlaceholderText, configJsonText(config));
  // The hook results' text was made for the answer already (the writer puts it back in its place).
  const guardrailsText = guardrails === null || guardrails === undefined ? null : typeof guardrails === 'object' ? hookResultsText(guardrails) : JSON.stringify(guardrails);
  return `${columns.length},${columns}${text.length},${text}${bodyPiece(requestBody)}${bodyPiece(responseBody)}${bodyPiece(guardrailsText)}`;
}

/**
 * What the writer makes the row's columns of, as a short JSON array (sqlite-log-writer.js reads it
 * in this order): parsing it costs the writer a fraction of parsing the whole record.
 */
function columnFields(record: RequestRecordV1): string {
  return JSON.stringify([
    record.started_at,
    record.trace_id,
    record.status,
    record.error === null || record.error === undefined ? 0 : 1,
    record.error?.message ?? null,
    record.provider,
    record.model,
    record.response_model,
    record.key_id ?? null,
    record.metadata,
    record.path,
    record.latency_ms,
    record.ttfb_ms,
    record.tokens.input,
    record.tokens.output,
    record.cost,
  ]);
}

function bodyPiece(body: string | null): string {
  return body === null ? '-,' : `${body.length},${body}`;
}

/** The record a row keeps, its fields in the order a record is built with (then any others its text holds). */
function wholeRecord(row: StoredRecord): RequestRecordV1 {
  const stored = JSON.parse(row.record) as RequestRecordV1;
  const record: RequestRecordV1 = {
    trace_id: row.trace_id,
    time: stored.time,
    started_at: row.started_at,
    method: stored.method,
    path: stored.path,
    endpoint: stored.endpoint,
    format: stored.format,
    stream: stored.stream,
    key_id: row.key_id,
    metadata: stored.metadata,
    provider: row.provider,
    model: row.model,
    response_model: row.response_model,
    config_path: stored.config_path,
    attempts: stored.attempts,
    cache_status: stored.cache_status,
    guardrails: stored.guardrails,
    status: row.status,
    error: stored.error,
    latency_ms: row.latency_ms,
    ttfb_ms: row.ttfb_ms,
    tokens: stored.tokens,
    cost: row.cost,
    request_headers: stored.request_headers,
    request: stored.request,
    response: stored.response,
  };
  record.request.text = row.request_body;
  record.response.text = row.response_body;
  for (const [name, value] of Object.entries(stored)) if (!(name in record)) (record as unknown as Record<string, unknown>)[name] = value;
  return record;
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
  const maxAgeMs = positive('maxAgeMs', options.maxAgeMs ?? defaultLogMaxAgeMs);
  const maxBytes = positive('maxBytes', options.maxBytes ?? defaultLogMaxBytes);
  const pruneIntervalMs = positive('pruneIntervalMs', options.pruneIntervalMs ?? defaultLogPruneIntervalMs);
  const logger = options.logger ?? consoleLogger;
  // A writer that falls behind (a disk that stalls, CPUs busy with other work) would otherwise
  // hold batches waiting for it without bound.
  const maxQueuedBatches = positive('maxQueuedBatches', options.maxQueuedBatches ?? 200);
  let droppedRecords = 0;
  // Made (or checked) here, before the writer opens it, so a bad file stops start-up.
  const database = openLogDatabase(options.path);
  const selectByTraceId = database.prepare(`SELECT ${recordColumns} FROM records WHERE trace_id = ? ORDER BY id DESC LIMIT 1`);
  const selectStats = database.prepare(`SELECT ${statsColumns} FROM records WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT ?`);
  const writer = new Worker(new URL('./sqlite-log-writer.js', import.meta.url), {
    workerData: { path: options.path, maxAgeMs, maxBytes, pruneIntervalMs, insertSql: insertRecordSql, fieldSeparator, guardrailsPlaceholderText },
    // Node's own flags only: a test runner's (`--conditions source`) would point the writer's
    // imports at TypeScript sources, which a worker cannot run.
    execArgv: [],
  });
  // The writer never keeps a process alive that has nothing else to do.
  writer.unref();
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let closed = false;
  let lastWrite: Promise<void> = Promise.resolve();
  // Records' pieces, made as each record was built (`accept`), in order, for the batch that holds
  // them: the log writes the records it accepted, in the same order.
  let acceptedRecords: RequestRecordV1[] = [];
  let acceptedPieces: string[] = [];
  writer.on('message', (message: { id?: number; error?: string; warn?: string }) => {
    if (message.warn) logger.warn(`[ai-gateway] [log store] [sqlite] ${message.warn}`, { path: options.path, error: message.error });
    if (message.id === undefined) return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (droppedRecords > 0 && pending.size <= maxQueuedBatches / 2) {
      logger.warn(`[ai-gateway] [log store] [sqlite] ${droppedRecords} records were dropped: the writer fell behind`, { path: options.path });
      droppedRecords = 0;
    }
    if (message.error) waiting?.reject(new Error(`[ai-gateway] [log store] [sqlite] ${message.error}`));
    else waiting?.resolve();
  });
  writer.on('error', (error) => {
    logger.warn('[ai-gateway] [log store] [sqlite] the writer stopped; records are no longer written', { path: options.path, error: error.message });
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  const send = (message: { batch?: string; close?: true }) =>
    new Promise<void>((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      writer.postMessage({ id: nextId, ...message });
    });

  const open = () => {
    if (closed) throw new Error(`[ai-gateway] [log store] [sqlite] ${options.path} is closed`);
  };

  return {
    name: 'sqlite',
    accept(record) {
      if (closed) return;
      acceptedRecords.push(record);
      acceptedPieces.push(recordPiece(record));
    },
    async write(records) {
      open();
      if (records.length === 0) return;
      if (pending.size >= maxQueuedBatches) {
        droppedRecords += records.length;
        acceptedRecords = [];
        acceptedPieces = [];
        return;
      }
      const batch = records.map((record, index) => (acceptedRecords[index] === record ? acceptedPieces[index] : recordPiece(record))).join('');
      // A batch that is not the accepted records' next ones (a caller other than the request log)
      // leaves nothing behind that a later batch could take for its own.
      const inStep = acceptedRecords[records.length - 1] === records[records.length - 1];
      acceptedRecords = inStep ? acceptedRecords.slice(records.length) : [];
      acceptedPieces = inStep ? acceptedPieces.slice(records.length) : [];
      lastWrite = send({ batch });
      await lastWrite;
    },
    async flush() {
      // The writer answers in order: once the last write is in, every earlier one is.
      await lastWrite.catch(() => {});
    },
    async query(query) {
      open();
      const { sql, parameters } = selectPageSql(query);
      const rows = database.prepare(sql).all(...parameters) as PageRow[];
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const more = rows.length > page.length && last !== undefined;
      return {
        data: page.map(wholeRecord),
        next_cursor: more ? encodeLogCursor({ startedAt: last.started_at, sequence: last.id }) : null,
      };
    },
    async get(traceId) {
      open();
      const row = selectByTraceId.get(traceId) as StoredRecord | undefined;
      return row === undefined ? undefined : wholeRecord(row);
    },
    async statsRows(from, to, limit) {
      open();
      const rows = selectStats.all(from, to, Math.max(0, limit)) as StatsColumns[];
      return rows.reverse().map(statsRowOf);
    },
    async close() {
      if (closed) return;
      closed = true;
      await send({ close: true }).catch(() => {});
      await writer.terminate();
      database.close();
    },
  };
}
