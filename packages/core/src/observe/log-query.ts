/**
 * The logs API's filters: read from a query string, and what each one means for a record. Every
 * log store gives the same answer `recordMatches` gives (the shared conformance suite checks it),
 * whether it filters in memory or in SQL.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { LogQueryV1, RequestRecordV1 } from '@ai-gateway/spec';
import { decodeLogCursor } from './log-cursor.js';

/** Records in a page when the query names no `limit`. */
export const defaultLogQueryLimit = 50;
/** The largest `limit` a query may ask for. */
export const maxLogQueryLimit = 500;

const singleParameters = new Set(['status', 'provider', 'model', 'trace_id', 'key_id', 'from', 'to', 'q', 'cursor', 'limit']);
const metadataPrefix = 'metadata.';
const isoTime = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads `GET /public/api/logs`' query string. An empty value is as if the parameter were not
 * there (a form's blank field); an unknown parameter, a parameter given twice or a bad value is a
 * 400 naming the parameter.
 *
 * @example
 * ```ts
 * logQueryFromSearch(new URL(request.url).searchParams);
 * // ?status=error&metadata.user=ana&from=2025-01-01T00:00:00Z&limit=100
 * // -> { status: 'error', metadata: { user: 'ana' }, from: 1735689600000, limit: 100 }
 * ```
 */
export function logQueryFromSearch(params: URLSearchParams): LogQueryV1 {
  const query: LogQueryV1 = { limit: defaultLogQueryLimit };
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (seen.has(name)) throw invalidRequest(`The '${name}' parameter is given more than once.`, name, 'duplicate_parameter');
    seen.add(name);
    if (name.startsWith(metadataPrefix)) {
      const key = name.slice(metadataPrefix.length);
      if (key === '') throw invalidRequest("A metadata filter names its key: 'metadata.<key>=<value>'.", name, 'invalid_parameter');
      if (value !== '') {
        query.metadata ??= {};
        setOwn(query.metadata, key, value);
      }
      continue;
    }
    if (!singleParameters.has(name)) {
      throw invalidRequest(`Unknown parameter '${name}'. The logs take: ${[...singleParameters].join(', ')} and metadata.<key>.`, name, 'unknown_parameter');
    }
    if (value !== '') readParameter(query, name, value);
  }
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) {
    throw invalidRequest("'to' is before 'from'.", 'to', 'invalid_parameter');
  }
  return query;
}

function readParameter(query: LogQueryV1, name: string, value: string): void {
  switch (name) {
    case 'status':
      query.status = readStatus(value);
      return;
    case 'from':
    case 'to':
      query[name] = readTime(name, value);
      return;
    case 'limit':
      query.limit = readLimit(value);
      return;
    case 'cursor':
      decodeLogCursor(value);
      query.cursor = value;
      return;
    case 'q':
      if (hasControlCharacter(value)) throw invalidRequest("'q' must not hold control characters.", 'q', 'invalid_parameter');
      query.q = value;
      return;
    case 'provider':
    case 'model':
    case 'trace_id':
    case 'key_id':
      query[name] = value;
  }
}

// What stores may use to keep searchable fields apart (SQLite joins them with U+001F), so free text
// never matches across two fields.
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** A plain assignment would drop a key named `__proto__`; metadata keys are anything a client sent. */
function setOwn(target: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function readStatus(value: string): LogQueryV1['status'] {
  if (value === 'ok' || value === 'error') return value;
  if (/^[1-5]\d\d$/.test(value)) return Number(value);
  throw invalidRequest(`Invalid status '${value}': expected ok, error or a status code (100 to 599).`, 'status', 'invalid_parameter');
}

function readTime(name: 'from' | 'to', value: string): number {
  let time = Number.NaN;
  if (/^\d{1,15}$/.test(value)) time = Number(value);
  else {
    // An offset's `+` typed into a URL unescaped arrives as a space.
    const text = value.replace(/(T[\d:.]+) (\d{2}:?\d{2})$/, '$1+$2');
    const match = isoTime.exec(text);
    if (match) {
      const offset = match[1];
      // A time of day without an offset is taken as UTC, not as the server's own zone.
      if (offset === undefined) time = Date.parse(text.includes('T') ? `${text}Z` : text);
      else time = Date.parse(offset === 'Z' || offset.includes(':') ? text : `${text.slice(0, -2)}:${text.slice(-2)}`);
    }
  }
  if (Number.isNaN(time)) {
    throw invalidRequest(`Invalid '${name}': expected an ISO 8601 time (2025-01-31T12:00:00Z) or milliseconds since the Unix epoch.`, name, 'invalid_parameter');
  }
  return time;
}

function readLimit(value: string): number {
  const limit = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 1 && limit <= maxLogQueryLimit)) {
    throw invalidRequest(`Invalid limit '${value}': expected a whole number from 1 to ${maxLogQueryLimit}.`, 'limit', 'invalid_parameter');
  }
  return limit;
}

/** `status=ok`: answered below 400 with no error (a stream cut mid-way keeps its 200 but has one). */
export function isOkRecord(record: Pick<RequestRecordV1, 'status' | 'error'>): boolean {
  return record.status < 400 && record.error === null;
}

/**
 * The record's metadata with every value as text: `x-portkey-metadata` is kept as sent, so a value
 * may be a number or more JSON, and `metadata.user=42` finds `{"user": 42}` as it finds `"42"`.
 */
export function metadataAsText(record: Pick<RequestRecordV1, 'metadata'>): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [key, value] of Object.entries(record.metadata ?? {})) setOwn(text, key, typeof value === 'string' ? value : JSON.stringify(value));
  return text;
}

/** The fields `q` searches, in the order stores keep them. */
export function searchableFields(record: RequestRecordV1): string[] {
  const fields = [record.trace_id, record.path, record.provider, record.model, record.response_model, record.error?.message ?? null];
  return [...fields.filter((field): field is string => typeof field === 'string'), ...Object.values(metadataAsText(record))];
}

/** Whether a record passes every filter of the query (its cursor and limit aside). */
export function recordMatches(record: RequestRecordV1, query: LogQueryV1): boolean {
  if (query.status === 'ok' && !isOkRecord(record)) return false;
  if (query.status === 'error' && isOkRecord(record)) return false;
  if (typeof query.status === 'number' && record.status !== query.status) return false;
  if (query.provider !== undefined && record.provider !== query.provider) return false;
  if (query.model !== undefined && record.model !== query.model && record.response_model !== query.model) return false;
  if (query.trace_id !== undefined && record.trace_id !== query.trace_id) return false;
  if (query.key_id !== undefined && record.key_id !== query.key_id) return false;
  if (query.from !== undefined && !(record.started_at >= query.from)) return false;
  if (query.to !== undefined && !(record.started_at < query.to)) return false;
  if (query.metadata !== undefined) {
    const metadata = metadataAsText(record);
    for (const [key, value] of Object.entries(query.metadata)) {
      if (!Object.hasOwn(metadata, key) || metadata[key] !== value) return false;
    }
  }
  if (query.q !== undefined && query.q !== '') {
    const needle = query.q.toLowerCase();
    if (!searchableFields(record).some((field) => field.toLowerCase().includes(needle))) return false;
  }
  return true;
}
