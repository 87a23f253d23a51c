/**
 * The logs API's paging cursor. Every store orders records newest first by `started_at`, and breaks
 * ties by a number of its own that grows with each record written (the memory ring's write count,
 * SQLite's row id), so a page boundary falls between two records even when thousands share one
 * millisecond. The cursor is the last record's place in that order; to clients it is an opaque
 * string.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';

/** A record's place in the newest-first order: its `started_at`, then the store's write sequence. */
export interface LogCursor {
  startedAt: number;
  sequence: number;
}

// started_at is a whole number of milliseconds from the recorder, but a fraction is kept exact too.
const cursorText = /^(-?\d{1,16}(?:\.\d{1,20})?)_(\d{1,16})$/;

/** The opaque `next_cursor` for the page that goes on after this place. */
export function encodeLogCursor(cursor: LogCursor): string {
  return btoa(`${cursor.startedAt}_${cursor.sequence}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Reads a cursor made by `encodeLogCursor`; anything else is a 400 naming `cursor`. */
export function decodeLogCursor(cursor: string): LogCursor {
  let text: string;
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    throw badCursor();
  }
  const match = cursorText.exec(text);
  if (!match) throw badCursor();
  const startedAt = Number(match[1]);
  const sequence = Number(match[2]);
  if (!Number.isFinite(startedAt) || !Number.isSafeInteger(sequence)) throw badCursor();
  return { startedAt, sequence };
}

/** Whether a record at (startedAt, sequence) comes after the cursor in the newest-first order. */
export function isPastLogCursor(startedAt: number, sequence: number, cursor: LogCursor): boolean {
  return startedAt < cursor.startedAt || (startedAt === cursor.startedAt && sequence < cursor.sequence);
}

function badCursor() {
  return invalidRequest("Invalid cursor: pass the 'next_cursor' of the page before, unchanged.", 'cursor', 'invalid_cursor');
}
