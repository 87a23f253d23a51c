/**
 * The request log's stores: the shared conformance suite on the memory ring (core) and on a SQLite
 * file, then what only the file does: keep to its age and size, survive a restart, and take a big
 * batch at once.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryLogStore, silentLogger } from '@ai-gateway/core';
import { describeLogStoreConformance, sampleRequestRecord } from '@ai-gateway/testing';
import { createSqliteLogStore, type SqliteLogStore } from '../src/index.js';
import Database from 'better-sqlite3';

const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-log-stores-'));
let files = 0;
function newPath(): string {
  files += 1;
  return join(folder, `logs-${files}`, 'logs.db');
}
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeLogStoreConformance('memory', { create: () => createMemoryLogStore() });
describeLogStoreConformance('sqlite', {
  create: () => createSqliteLogStore({ path: newPath() }),
  cleanup: (store) => (store as SqliteLogStore).close(),
});

/** The database file and its WAL: what the log takes on disk. */
function bytesOnDisk(path: string): number {
  return statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Records of about 2 KiB, like a chat completion with its request body kept. */
function bulkyRecords(count: number, firstIndex: number, startedAt: number) {
  return Array.from({ length: count }, (_, index) =>
    sampleRequestRecord({
      trace_id: `bulk-${firstIndex + index}`,
      started_at: startedAt + index,
      request: { text: `{"messages":[{"role":"user","content":"${'lorem ipsum '.repeat(160)}${firstIndex + index}"}]}`, bytes: 2000, truncated: false },
    }),
  );
}

describe('SQLite log store', () => {
  it('deletes records older than maxAgeMs in the background', async () => {
    const store = createSqliteLogStore({ path: newPath(), maxAgeMs: 60 * 60 * 1000, pruneIntervalMs: 50 });
    try {
      const now = Date.now();
      await store.write([sampleRequestRecord({ trace_id: 'two-hours-old', started_at: now - 2 * 60 * 60 * 1000 }), sampleRequestRecord({ trace_id: 'fresh', started_at: now })]);
      expect(await store.get('two-hours-old')).toBeDefined();
      await eventually(async () => (await store.get('two-hours-old')) === undefined);
      expect(await store.get('fresh')).toBeDefined();
      expect((await store.query({ limit: 10 })).data.map((record) => record.trace_id)).toEqual(['fresh']);
    } finally {
      await store.close();
    }
  });

  it('keeps the file under maxBytes, deleting the oldest records first, however much is written', async () => {
    const path = newPath();
    const maxBytes = 2 * 1024 * 1024;
    // Long enough that no pass runs while a round of writes is under way.
    const store = createSqliteLogStore({ path, maxBytes, pruneIntervalMs: 300 });
    try {
      const startedAt = Date.now() - 60_000;
      let written = 0;
      for (let round = 0; round < 3; round += 1) {
        for (let batch = 0; batch < 6; batch += 1) {
          await store.write(bulkyRecords(500, written, startedAt + written));
          written += 500;
        }
        expect(bytesOnDisk(path)).toBeGreaterThan(maxBytes);
        await eventually(() => bytesOnDisk(path) <= maxBytes);
      }
      expect(statSync(path).size).toBeLessThanOrEqual(maxBytes);
      expect(await store.get(`bulk-${written - 1}`)).toBeDefined();
      expect(await store.get('bulk-0')).toBeUndefined();
      const kept = await store.statsRows(0, Number.MAX_SAFE_INTEGER, 100_000);
      expect(kept.length).toBeGreaterThan(200);
      // What is kept is the newest records, all of them.
      expect(kept.map((row) => row.started_at)).toEqual(Array.from({ length: kept.length }, (_, index) => startedAt + written - kept.length + index));
      console.log(`[log-stores] ${written} records of ~2 KiB into a ${maxBytes} byte cap: ${kept.length} kept, ${bytesOnDisk(path)} bytes on disk`);
    } finally {
      await store.close();
    }
  });

  it('reads its records again after a close and a reopen, and goes on paging in order', async () => {
    const path = newPath();
    const first = createSqliteLogStore({ path });
    await first.write([sampleRequestRecord({ trace_id: 'before-restart', started_at: 1_000, metadata: { user: 'ana' } })]);
    await first.close();
    await expect(first.write([sampleRequestRecord({ trace_id: 'after-close', started_at: 1_500 })])).rejects.toThrow(/closed/);

    const second = createSqliteLogStore({ path });
    try {
      await second.write([sampleRequestRecord({ trace_id: 'after-restart', started_at: 1_000 })]);
      expect(await second.get('before-restart')).toEqual(sampleRequestRecord({ trace_id: 'before-restart', started_at: 1_000, metadata: { user: 'ana' } }));
      const page = await second.query({ limit: 1 });
      expect(page.data.map((record) => record.trace_id)).toEqual(['after-restart']);
      const next = await second.query({ limit: 1, cursor: page.next_cursor! });
      expect(next.data.map((record) => record.trace_id)).toEqual(['before-restart']);
      expect(next.next_cursor).toBeNull();
      expect((await second.query({ limit: 5, metadata: { user: 'ana' } })).data).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('writes a batch of 10,000 records in one transaction', async () => {
    const store = createSqliteLogStore({ path: newPath() });
    try {
      const startedAt = Date.now();
      const records = Array.from({ length: 10_000 }, (_, index) => sampleRequestRecord({ trace_id: `batch-${index}`, started_at: startedAt + (index % 100), metadata: { user: `user-${index % 7}` } }));
      const began = performance.now();
      await store.write(records);
      const elapsed = performance.now() - began;
      console.log(`[log-stores] one write of 10,000 records into SQLite: ${elapsed.toFixed(0)} ms (${((elapsed * 1000) / records.length).toFixed(1)} µs a record)`);
      expect((await store.statsRows(0, Number.MAX_SAFE_INTEGER, 20_000)).length).toBe(10_000);
      expect((await store.query({ limit: 500, metadata: { user: 'user-3' } })).data).toHaveLength(500);
    } finally {
      await store.close();
    }
  });

  it('writes records it was told of as they were built, also when a batch is not those records', async () => {
    const store = createSqliteLogStore({ path: newPath() });
    try {
      const told = [1, 2, 3].map((index) => sampleRequestRecord({ trace_id: `told-${index}`, started_at: index, request: { text: `{"told":${index}}`, bytes: 11, truncated: false } }));
      for (const record of told) store.accept(record);
      await store.write(told.slice(0, 2));
      // Not the record told next: it is written as it is, and the piece made for told-3 is not taken for it.
      const other = sampleRequestRecord({ trace_id: 'not-told', started_at: 4, request: { text: '{"told":false}', bytes: 14, truncated: false } });
      await store.write([other]);
      await store.write([told[2]]);
      for (const record of [...told, other]) expect(await store.get(record.trace_id)).toEqual(record);
    } finally {
      await store.close();
    }
  });

  it('drops batches past maxQueuedBatches while the writer is behind, and says how many records it dropped', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const store = createSqliteLogStore({ path: newPath(), maxQueuedBatches: 2, logger });
    try {
      // Handed over at once: the writer has taken none of them yet.
      const writes = Array.from({ length: 5 }, (_, index) => store.write([sampleRequestRecord({ trace_id: `queued-${index}`, started_at: index + 1 })]));
      await Promise.all(writes);
      await store.flush();
      expect(await store.get('queued-0')).toBeDefined();
      expect(await store.get('queued-1')).toBeDefined();
      expect(await store.get('queued-2')).toBeUndefined();
      expect(warnings).toEqual(['[ai-gateway] [log store] [sqlite] 3 records were dropped: the writer fell behind']);
      // Caught up: batches are written again.
      await store.write([sampleRequestRecord({ trace_id: 'after', started_at: 9 })]);
      expect(await store.get('after')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it("keeps a record's guardrail results whole, whatever its metadata and bodies hold", async () => {
    const store = createSqliteLogStore({ path: newPath() });
    try {
      const results = { before_request_hooks: [{ id: 'input_guardrail_0', verdict: false, checks: [{ id: 'default.contains', verdict: false, data: { note: '"guardrails":null' } }] }], after_request_hooks: [] };
      const records = [
        sampleRequestRecord({ trace_id: 'checked', started_at: 1, guardrails: results, metadata: { guardrails: 'null', '"guardrails"': '\u0000guardrails\u0000' }, request: { text: '{"guardrails":null}', bytes: 19, truncated: false } }),
        sampleRequestRecord({ trace_id: 'unchecked', started_at: 2, guardrails: null, metadata: { guardrails: '\u0000guardrails\u0000' } }),
        sampleRequestRecord({ trace_id: 'odd', started_at: 3, guardrails: 'not an object' }),
      ];
      for (const record of records.slice(0, 2)) store.accept(record);
      await store.write(records);
      for (const record of records) expect(await store.get(record.trace_id)).toEqual(record);
      expect((await store.query({ limit: 5, status: 200 })).data.find((record) => record.trace_id === 'checked')?.guardrails).toEqual(results);
    } finally {
      await store.close();
    }
  });

  it("keeps a record's config header as it was, whatever other headers and its metadata hold", async () => {
    const store = createSqliteLogStore({ path: newPath() });
    try {
      const config = JSON.stringify({ provider: 'openai', api_key: '***', input_guardrails: [{ 'default.contains': { words: ['naïve "quote"', '\\'] }, deny: true }] });
      const headers = (value: string) => ({ 'content-type': 'application/json', 'x-portkey-config': value, 'x-other': config });
      const records = [
        sampleRequestRecord({ trace_id: 'first', started_at: 1, request_headers: headers(config), metadata: { note: config } }),
        // The same config again (its text is remembered), and a different one.
        sampleRequestRecord({ trace_id: 'again', started_at: 2, request_headers: headers(config) }),
        sampleRequestRecord({ trace_id: 'other', started_at: 3, request_headers: headers('{"provider":"anthropic"}') }),
        sampleRequestRecord({ trace_id: 'none', started_at: 4, request_headers: { 'content-type': 'application/json' } }),
      ];
      for (const record of records.slice(0, 3)) store.accept(record);
      await store.write(records);
      for (const record of records) expect(await store.get(record.trace_id)).toEqual(record);
      expect(records[0]!.request_headers['x-portkey-config']).toBe(config);
    } finally {
      await store.close();
    }
  });

  it('keeps the fields that have columns out of the JSON text, and reads the rows of a layout 1 file, which has them in it', async () => {
    const path = newPath();
    const store = createSqliteLogStore({ path });
    const written = sampleRequestRecord({ trace_id: 'trace-of-layout-2', started_at: 2_000, path: '/v1/embeddings', provider: 'cohere', model: 'embed-v4', cost: 0.25, ttfb_ms: null, span: { trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16), parent_span_id: null } });
    await store.write([written]);
    await store.close();

    // The file as a version of layout 1 left it: a row whose JSON text is the whole record.
    const database = new Database(path);
    const storedText = database.prepare('SELECT record FROM records').pluck().get() as string;
    const storedFields = Object.keys(JSON.parse(storedText));
    for (const field of ['trace_id', 'started_at', 'key_id', 'provider', 'model', 'response_model', 'status', 'latency_ms', 'ttfb_ms', 'cost']) expect(storedFields).not.toContain(field);
    expect(storedText).not.toContain('trace-of-layout-2');
    const older = sampleRequestRecord({ trace_id: 'trace-of-layout-1', started_at: 1_000, metadata: { user: 'ana' } });
    database
      .prepare('INSERT INTO records (started_at, trace_id, status, failed, provider, model, response_model, key_id, metadata, search_text, latency_ms, ttfb_ms, input_tokens, output_tokens, cost, record, request_body, response_body) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(older.started_at, older.trace_id, older.status, older.provider, older.model, older.response_model, older.key_id, '{"user":"ana"}', '', older.latency_ms, older.ttfb_ms, null, null, older.cost, JSON.stringify({ ...older, request: { ...older.request, text: null }, response: { ...older.response, text: null } }), older.request.text, older.response.text);
    database.pragma('user_version = 1');
    database.close();

    const reopened = createSqliteLogStore({ path });
    try {
      expect(await reopened.get('trace-of-layout-2')).toEqual(written);
      expect(await reopened.get('trace-of-layout-1')).toEqual(older);
      const page = await reopened.query({ limit: 5 });
      expect(page.data).toEqual([written, older]);
      // In the order a record is built with (finish-record.ts), as layout 1 kept it.
      expect(Object.keys(page.data[0]!).slice(0, 5)).toEqual(['trace_id', 'time', 'started_at', 'method', 'path']);
    } finally {
      await reopened.close();
    }
    const marked = new Database(path, { readonly: true });
    expect(marked.pragma('user_version', { simple: true })).toBe(2);
    marked.close();
  });
});
