/**
 * Keeps the request log's file within its age and size: records older than the age go, then the
 * oldest go until the records fill at most nine tenths of the size (room for the writes until the
 * next pass), and the file gives back what it holds beyond the size. Free pages within the size
 * stay in the file, where new records reuse them without growing it.
 */
import type Database from 'better-sqlite3';

export interface RetentionLimits {
  maxAgeMs: number;
  maxBytes: number;
}

// Bounds one pass's work; a file far over its size (a lowered cap) goes down over a few passes.
const maxDeleteRounds = 20;

export function createRetention(database: Database.Database, limits: RetentionLimits) {
  const deleteOlder = database.prepare('DELETE FROM records WHERE started_at < ?');
  const deleteOldest = database.prepare('DELETE FROM records WHERE id IN (SELECT id FROM records ORDER BY started_at, id LIMIT ?)');
  const countRecords = database.prepare('SELECT count(*) FROM records').pluck();
  const pageSize = database.pragma('page_size', { simple: true }) as number;
  const pages = () => database.pragma('page_count', { simple: true }) as number;
  const freePages = () => database.pragma('freelist_count', { simple: true }) as number;
  const usedBytes = () => (pages() - freePages()) * pageSize;

  /** One pass; `sizeToo` is false when nothing was written since the last one (only age can have changed). */
  return function prune(now: number, sizeToo: boolean): void {
    const aged = deleteOlder.run(now - limits.maxAgeMs).changes;
    if (!sizeToo && aged === 0) return;
    const target = Math.floor(limits.maxBytes * 0.9);
    for (let round = 0; round < maxDeleteRounds; round += 1) {
      const used = usedBytes();
      if (used <= target) break;
      const records = countRecords.get() as number;
      if (records === 0) break;
      // Records are about the same size: delete the share that is over, and measure again.
      deleteOldest.run(Math.max(1, Math.ceil((records * (used - target)) / used)));
    }
    const overPages = pages() - Math.floor(limits.maxBytes / pageSize);
    if (overPages > 0) database.pragma(`incremental_vacuum(${Math.min(overPages, freePages())})`);
    // The main file shrinks only when the WAL is copied back into it; TRUNCATE also empties the WAL.
    database.pragma('wal_checkpoint(TRUNCATE)');
  };
}
