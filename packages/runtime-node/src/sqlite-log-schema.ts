/**
 * The request log's SQLite file: opened (made on first use), set up for a log (WAL, incremental
 * vacuum) and checked to be of a layout this version reads. Each record is kept as JSON, but for
 * the fields that have columns of their own (the filters read them; indexed or not).
 *
 * Layouts: 1 kept each record's JSON whole, the column fields too; 2 leaves them out of the JSON.
 * The tables are the same, and this version reads the rows of both: a file of layout 1 is marked 2
 * when opened, so a version that reads only whole JSON refuses it once it holds rows it would misread.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';

const layoutVersion = 2;

// Two indexes only: every index is a B-tree each insert updates, on every request. A filtered page
// walks records by started_at (newest first) and tests the filters on the row's columns; a page of
// a console's query over a full file reads a few hundred thousand rows at most.
const createLayout = `
CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  trace_id TEXT NOT NULL,
  status INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  provider TEXT,
  model TEXT,
  response_model TEXT,
  key_id TEXT,
  metadata TEXT NOT NULL,
  search_text TEXT NOT NULL,
  latency_ms REAL NOT NULL,
  ttfb_ms REAL,
  input_tokens INTEGER,
  output_tokens INTEGER,
  cost REAL,
  record TEXT NOT NULL,
  request_body TEXT,
  response_body TEXT
);
CREATE INDEX records_by_started_at ON records (started_at);
CREATE INDEX records_by_trace_id ON records (trace_id);
`;

/** better-sqlite3 is a native addon: it is loaded when a store is made, so a gateway without one never loads it. */
function loadDatabase(): typeof Database {
  return createRequire(import.meta.url)('better-sqlite3') as typeof Database;
}

export function openLogDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const SqliteDatabase = loadDatabase();
  const database = new SqliteDatabase(path);
  try {
    // Only takes effect before the first table is made: deleted records' pages can then be handed
    // back to the file system, which is what lets the size cap shrink the file.
    database.pragma('auto_vacuum = INCREMENTAL');
    database.pragma('journal_mode = WAL');
    // In WAL mode a crash can lose the last transactions but never corrupts the file: right for a log.
    database.pragma('synchronous = NORMAL');
    // A checkpoint leaves the WAL file at most this long, instead of at its largest batch's size.
    database.pragma('journal_size_limit = 16777216');
    const version = database.pragma('user_version', { simple: true }) as number;
    if (version > layoutVersion) {
      throw new Error(`[ai-gateway] [log store] [sqlite] ${path} was written by a newer version of the gateway (layout ${version}; this one reads ${layoutVersion})`);
    }
    if (version === 0) {
      database.transaction(() => {
        database.exec(createLayout);
        database.pragma(`user_version = ${layoutVersion}`);
      })();
    } else if (version < layoutVersion) {
      database.pragma(`user_version = ${layoutVersion}`);
    }
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}
