/**
 * The request log's SQLite writer, in a worker thread of its own: inserts (one transaction per
 * batch) and retention run here, so the file system's waits and SQLite's page work never hold up
 * the gateway's event loop. The main thread reads the same file over its own connection (WAL lets
 * readers and this one writer work at once).
 *
 * Plain JavaScript, not TypeScript: Node runs a worker's file as it is, from the sources (tests) as
 * from the build. Its messages: `{ id, batch }` (the records as one string, see `recordPiece` in
 * sqlite-log-store.ts) is answered `{ id }` or `{ id, error }`; `{ id, close: true }` is answered
 * once the file is closed. Records come as text because a string crosses threads as one copy, where
 * an object is cloned field by field; the bodies come apart because inside JSON text (JSON
 * themselves) every quote of theirs would be escaped, and unescaped again on every read. The
 * columns the filters read are taken from the text here, off the event loop.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { metadataAsText, searchableFields } from '@ai-gateway/core';

/** @type {{ path: string, maxAgeMs: number, maxBytes: number, pruneIntervalMs: number, insertSql: string, fieldSeparator: string, guardrailsPlaceholderText: string }} */
const settings = workerData;

const Database = createRequire(import.meta.url)('better-sqlite3');
const database = new Database(settings.path);
// The main thread may be reading while a batch is written; a checkpoint may wait for a reader.
database.pragma('busy_timeout = 5000');
database.pragma('synchronous = NORMAL');

/**
 * A record's row, in the order of the insert's columns (sqlite-log-query.ts), from its column
 * fields (`columnFields` in sqlite-log-store.ts), its JSON text and its bodies.
 */
function recordRow([columns, textWithoutGuardrails, requestBody, responseBody, guardrails]) {
  const text = guardrails === null ? textWithoutGuardrails : withGuardrails(textWithoutGuardrails, guardrails);
  const [startedAt, traceId, status, failed, errorMessage, provider, model, responseModel, keyId, metadata, path, latencyMs, ttfbMs, inputTokens, outputTokens, cost] =
    JSON.parse(columns);
  const searched = { trace_id: traceId, path, provider, model, response_model: responseModel, error: errorMessage === null ? null : { message: errorMessage }, metadata };
  let metadataText = '{}';
  for (const _ in metadata) {
    metadataText = JSON.stringify(metadataAsText(searched));
    break;
  }
  return [
    startedAt,
    traceId,
    status,
    failed,
    provider ?? null,
    model ?? null,
    responseModel ?? null,
    keyId,
    metadataText,
    // Lower-cased by JavaScript, like the needle: SQLite's own lower() and LIKE know only ASCII.
    searchableFields(searched)
      .map((field) => field.toLowerCase())
      .join(settings.fieldSeparator),
    latencyMs,
    ttfbMs,
    inputTokens,
    outputTokens,
    cost,
    text,
    requestBody,
    responseBody,
  ];
}

const insert = database.prepare(settings.insertSql);
/** The record's JSON text with the results' text where its `guardrails` placeholder is (sqlite-log-store.ts). */
function withGuardrails(text, guardrails) {
  const at = text.indexOf(settings.guardrailsPlaceholderText);
  if (at === -1) return text;
  return `${text.slice(0, at)}${guardrails}${text.slice(at + settings.guardrailsPlaceholderText.length)}`;
}

/** The batch's records, each as `[column fields, JSON text, request body, response body, guardrails]`. */
function* recordsOf(batch) {
  let at = 0;
  const next = () => {
    if (batch[at] === '-') {
      at += 2;
      return null;
    }
    const comma = batch.indexOf(',', at);
    const length = Number(batch.slice(at, comma));
    at = comma + 1 + length;
    return batch.slice(comma + 1, at);
  };
  while (at < batch.length) yield [next(), next(), next(), next(), next()];
}

const writeBatch = database.transaction((batch) => {
  for (const record of recordsOf(batch)) insert.run(recordRow(record));
});

// Retention: records older than the age go, then the oldest until the records fill at most nine
// tenths of the size (room for the writes until the next pass), and the file gives back what it
// holds beyond the size. Free pages within the size stay, where new records reuse them.
const maxDeleteRounds = 20;
const deleteOlder = database.prepare('DELETE FROM records WHERE started_at < ?');
const deleteOldest = database.prepare('DELETE FROM records WHERE id IN (SELECT id FROM records ORDER BY started_at, id LIMIT ?)');
const countRecords = database.prepare('SELECT count(*) FROM records').pluck();
const pageSize = database.pragma('page_size', { simple: true });
const pages = () => database.pragma('page_count', { simple: true });
const freePages = () => database.pragma('freelist_count', { simple: true });

/** One pass; `sizeToo` is false when nothing was written since the last one (only age can have changed). */
function prune(now, sizeToo) {
  const aged = deleteOlder.run(now - settings.maxAgeMs).changes;
  if (!sizeToo && aged === 0) return;
  const target = Math.floor(settings.maxBytes * 0.9);
  for (let round = 0; round < maxDeleteRounds; round += 1) {
    const used = (pages() - freePages()) * pageSize;
    if (used <= target) break;
    const records = countRecords.get();
    if (records === 0) break;
    // Records are about the same size: delete the share that is over, and measure again.
    deleteOldest.run(Math.max(1, Math.ceil((records * (used - target)) / used)));
  }
  const overPages = pages() - Math.floor(settings.maxBytes / pageSize);
  if (overPages > 0) database.pragma(`incremental_vacuum(${Math.min(overPages, freePages())})`);
  // The main file shrinks only when the WAL is copied back into it; TRUNCATE also empties the WAL.
  database.pragma('wal_checkpoint(TRUNCATE)');
}

// The file may be over a lowered cap, or hold records past a shortened age, from its last run.
let writtenSincePrune = true;
const timer = setInterval(() => {
  try {
    prune(Date.now(), writtenSincePrune);
    writtenSincePrune = false;
  } catch (error) {
    parentPort.postMessage({ warn: 'retention failed; it is tried again', error: error.message });
  }
}, settings.pruneIntervalMs);

parentPort.on('message', (message) => {
  if (message.close) {
    clearInterval(timer);
    database.close();
    parentPort.postMessage({ id: message.id });
    parentPort.close();
    return;
  }
  try {
    writeBatch(message.batch);
    writtenSincePrune = true;
    parentPort.postMessage({ id: message.id });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error.message });
  }
});
