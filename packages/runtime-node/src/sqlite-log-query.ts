/**
 * A logs query as SQL over the columns of sqlite-log-schema.ts, meaning what core's
 * `recordMatches` means (the log store conformance suite holds both to it), and the values of a
 * record's row.
 */
import { decodeLogCursor, type LogQueryV1, type LogStatsRowV1 } from '@ai-gateway/core';

type SqlValue = string | number | null;

export interface SelectSql {
  sql: string;
  parameters: SqlValue[];
}

// What core's query parser refuses in `q`, so free text never matches across two fields. The
// writer (sqlite-log-writer.js) joins a record's searchable fields with it.
export const fieldSeparator = '\u001f';

export const insertRecordSql =
  'INSERT INTO records (started_at, trace_id, status, failed, provider, model, response_model, key_id, metadata, search_text, latency_ms, ttfb_ms, input_tokens, output_tokens, cost, record, request_body, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** The columns `statsRowOf` reads, in its order. */
/** What a whole record is read from: the fields kept in columns of their own, its JSON text and its bodies (sqlite-log-store.ts). */
export const recordColumns = 'started_at, trace_id, status, key_id, provider, model, response_model, latency_ms, ttfb_ms, cost, record, request_body, response_body';

export const statsColumns = 'started_at, status, failed, provider, model, latency_ms, ttfb_ms, input_tokens, output_tokens, cost';

export interface StatsColumns {
  started_at: number;
  status: number;
  failed: number;
  provider: string | null;
  model: string | null;
  latency_ms: number;
  ttfb_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
}

/** A stats row from its columns: only whether the request failed is kept of its error. */
export function statsRowOf(row: StatsColumns): LogStatsRowV1 {
  return {
    started_at: row.started_at,
    status: row.status,
    error: row.failed ? { message: '', type: null, code: null } : null,
    provider: row.provider,
    model: row.model,
    latency_ms: row.latency_ms,
    ttfb_ms: row.ttfb_ms,
    tokens: { input: row.input_tokens, output: row.output_tokens, cached: null, reasoning: null },
    cost: row.cost,
  };
}

/** The page's rows, newest first: one more than the limit, which tells whether another page follows. */
export function selectPageSql(query: LogQueryV1): SelectSql {
  const conditions: string[] = [];
  const parameters: SqlValue[] = [];
  const where = (condition: string, ...values: SqlValue[]) => {
    conditions.push(condition);
    parameters.push(...values);
  };
  if (query.status === 'ok') where('status < 400 AND failed = 0');
  else if (query.status === 'error') where('(status >= 400 OR failed = 1)');
  else if (typeof query.status === 'number') where('status = ?', query.status);
  if (query.provider !== undefined) where('provider = ?', query.provider);
  if (query.model !== undefined) where('(model = ? OR response_model = ?)', query.model, query.model);
  if (query.trace_id !== undefined) where('trace_id = ?', query.trace_id);
  if (query.key_id !== undefined) where('key_id = ?', query.key_id);
  if (query.from !== undefined) where('started_at >= ?', query.from);
  if (query.to !== undefined) where('started_at < ?', query.to);
  for (const [key, value] of Object.entries(query.metadata ?? {})) {
    // json_each rather than a JSON path: a key may hold dots and quotes.
    where("EXISTS (SELECT 1 FROM json_each(records.metadata) WHERE json_each.key = ? AND json_each.type = 'text' AND json_each.value = ?)", key, value);
  }
  if (query.q !== undefined && query.q !== '') where('instr(search_text, ?) > 0', query.q.toLowerCase());
  if (query.cursor) {
    const cursor = decodeLogCursor(query.cursor);
    where('(started_at < ? OR (started_at = ? AND id < ?))', cursor.startedAt, cursor.startedAt, cursor.sequence);
  }
  const filter = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return { sql: `SELECT id, ${recordColumns} FROM records ${filter} ORDER BY started_at DESC, id DESC LIMIT ?`, parameters: [...parameters, query.limit + 1] };
}
