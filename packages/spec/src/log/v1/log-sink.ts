/**
 * Where request records go. A sink takes finished records in batches, after the answers were sent;
 * a store is a sink that can also be read back (the logs API and the console read one). A runtime
 * gives its default (runtime-node: a SQLite file; Bun and Workers: a bounded in-memory ring), and an
 * operator adds more (an HTTP collector, OpenTelemetry).
 */
import type { RequestRecordV1 } from './request-record.js';

export interface LogSinkV1 {
  /** Names the sink in operator logs (`sqlite`, `memory`, `http`). */
  readonly name: string;
  /**
   * Takes a batch, oldest first. May be called again before an earlier call settled; a sink that
   * fails reports it by rejecting, and the gateway tells the operator (never the client).
   */
  write(records: readonly RequestRecordV1[]): void | Promise<void>;
  /**
   * Told of each record as it is built, a few at a time between requests, before the batch that
   * holds it is written. A sink that turns records into text or bytes does it here, so that `write`
   * has no batch's worth of work to do in one go (which every request in flight would wait out).
   */
  accept?(record: RequestRecordV1): void;
  /** Sends or writes whatever it holds back (called before shutdown, and by Workers' `waitUntil`). */
  flush?(): Promise<void>;
  close?(): Promise<void>;
}

/** `GET /public/api/logs`' filters; all optional, all must hold. */
export interface LogQueryV1 {
  /** `ok` (status below 400 and no error), `error` (400 and above, or an error), or one status code. */
  status?: 'ok' | 'error' | number;
  provider?: string;
  /** The requested model or the answered one. */
  model?: string;
  trace_id?: string;
  key_id?: string;
  /** Every pair must be in the record's metadata. */
  metadata?: Record<string, string>;
  /** `started_at` from (inclusive) and to (exclusive), in milliseconds since the Unix epoch. */
  from?: number;
  to?: number;
  /** Free text: a case-insensitive substring of the trace id, path, provider, models, error message or metadata values. */
  q?: string;
  /** The `next_cursor` of the page before, to go on with older records. */
  cursor?: string;
  /** Most records in the page. */
  limit: number;
}

export interface LogPageV1 {
  /** Newest first. */
  data: RequestRecordV1[];
  /** Pass as `cursor` for the next (older) page; null when this is the last one. */
  next_cursor: string | null;
}

/** A record's fields the stats are computed from. */
export type LogStatsRowV1 = Pick<RequestRecordV1, 'started_at' | 'status' | 'error' | 'provider' | 'model' | 'latency_ms' | 'ttfb_ms' | 'tokens' | 'cost'>;

export interface LogStoreV1 extends LogSinkV1 {
  query(query: LogQueryV1): Promise<LogPageV1>;
  /** The record of one trace id, or undefined (also when retention removed it). */
  get(traceId: string): Promise<RequestRecordV1 | undefined>;
  /** The rows of the records with `from <= started_at < to`, oldest first, at most `limit` of them (the newest when there are more). */
  statsRows(from: number, to: number, limit: number): Promise<LogStatsRowV1[]>;
}
