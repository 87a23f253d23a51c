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

export interface MemoryLogStoreOptions {
  /** At most this many records; writing more drops the oldest written first. Default 5,000. */
  maxRecords?: number;
}

interface RingEntry {
  record: RequestRecordV1;
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
  const ring: (RingEntry | undefined)[] = [];
  let next = 0;
  let sequence = 0;
  // The latest record written under each trace id, for `get` without a scan.
  const byTraceId = new Map<string, RingEntry>();

  const entries = () => ring.filter((entry): entry is RingEntry => entry !== undefined);

  return {
    name: 'memory',
    write(records) {
      for (const record of records) {
        const evicted = ring[next];
        if (evicted && byTraceId.get(evicted.record.trace_id) === evicted) byTraceId.delete(evicted.record.trace_id);
        const entry = { record, sequence: ++sequence };
        ring[next] = entry;
        byTraceId.set(record.trace_id, entry);
        next = (next + 1) % maxRecords;
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
