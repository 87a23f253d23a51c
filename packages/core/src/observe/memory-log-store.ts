/**
 * The request log kept in memory: a ring of the latest records, the default where there is no disk
 * (Bun, Workers). A write is O(1) per record; a query reads the whole ring (a few thousand records,
 * and only the logs API or the console asks). Per process: it is empty after a restart, and each
 * instance sees only its own requests.
 */
import type { LogStoreV1, RequestRecordV1 } from '@ai-gateway/spec';
import { decodeLogCursor, encodeLogCursor, isPastLogCursor } from './log-cursor.js';
import { recordMatches } from './log-query.js';
import { logStatsRowOf } from './log-stats-row.js';

/** Records the memory ring keeps when no `maxRecords` is given. */
export const defaultMemoryLogRecords = 5_000;
/** The memory the ring's records may take when no `maxBytes` is given: 32 MiB (a Worker has 128). */
export const defaultMemoryLogBytes = 32 * 1024 * 1024;
/** What a record takes beside its bodies' text, roughly: its other fields, headers and attempts. */
const recordOverheadBytes = 2048;

export interface MemoryLogStoreOptions {
  /** At most this many records; writing more drops the oldest written first. Default 5,000. */
  maxRecords?: number;
  /** At most about this many bytes of records (bodies counted by their text); the oldest go first. Default 32 MiB. */
  maxBytes?: number;
}

interface RingEntry {
  record: RequestRecordV1;
  bytes: number;
  /** Counts writes: breaks ties between records of the same `started_at`, for stable paging. */
  sequence: number;
}

function newestFirst(a: RingEntry, b: RingEntry): number {
  return b.record.started_at - a.record.started_at || b.sequence - a.sequence;
}

/**
 * Records are kept as written, not copied: treat what a query gives back as read-only.
 *
 * @example
 * ```ts
 * createGateway({ providers, logStore: createMemoryLogStore({ maxRecords: 20_000 }) });
 * ```
 */
export function createMemoryLogStore(options: MemoryLogStoreOptions = {}): LogStoreV1 {
  const maxRecords = options.maxRecords ?? defaultMemoryLogRecords;
  if (!Number.isSafeInteger(maxRecords) || maxRecords < 1) {
    throw new TypeError(`[ai-gateway] [log store] [memory] maxRecords must be a whole number of at least 1, not ${maxRecords}.`);
  }
  const maxBytes = options.maxBytes ?? defaultMemoryLogBytes;
  // Oldest first from `head`; the slots before it are dropped in one go now and then, so each write stays O(1) on average.
  const queue: RingEntry[] = [];
  let head = 0;
  let bytes = 0;
  let sequence = 0;
  // The latest record written under each trace id, for `get` without a scan.
  const byTraceId = new Map<string, RingEntry>();

  const entries = () => queue.slice(head);
  const evictOldest = () => {
    const evicted = queue[head];
    head += 1;
    bytes -= evicted.bytes;
    if (byTraceId.get(evicted.record.trace_id) === evicted) byTraceId.delete(evicted.record.trace_id);
  };

  return {
    name: 'memory',
    write(records) {
      for (const record of records) {
        sequence += 1;
        const entry = { record, bytes: recordOverheadBytes + (record.request?.text?.length ?? 0) + (record.response?.text?.length ?? 0), sequence };
        queue.push(entry);
        bytes += entry.bytes;
        byTraceId.set(record.trace_id, entry);
        // The newest record stays even when it alone is over the byte bound.
        while (queue.length - head > maxRecords || (bytes > maxBytes && queue.length - head > 1)) evictOldest();
      }
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
    },
    async query(query) {
      const cursor = query.cursor ? decodeLogCursor(query.cursor) : undefined;
      const matching = entries().filter((entry) => (!cursor || isPastLogCursor(entry.record.started_at, entry.sequence, cursor)) && recordMatches(entry.record, query));
      matching.sort(newestFirst);
      const page = matching.slice(0, query.limit);
      const last = page.at(-1);
      const more = matching.length > page.length && last !== undefined;
      return { data: page.map((entry) => entry.record), next_cursor: more ? encodeLogCursor({ startedAt: last.record.started_at, sequence: last.sequence }) : null };
    },
    async get(traceId) {
      return byTraceId.get(traceId)?.record;
    },
    async statsRows(from, to, limit) {
      const inRange = entries().filter((entry) => entry.record.started_at >= from && entry.record.started_at < to);
      inRange.sort(newestFirst);
      return inRange
        .slice(0, Math.max(0, limit))
        .reverse()
        .map((entry) => logStatsRowOf(entry.record));
    },
  };
}
