/**
 * The conformance suite every request log store runs (memory, SQLite, and any store a user
 * writes): each filter means what `recordMatches` says, pages go newest first and meet without a gap
 * or a repeat, and records come back as they were written.
 *
 * The suite writes its records once, in windows of time far apart, and each test queries its own
 * window, so the tests share one store and can run in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogQueryV1, LogStoreV1, RequestRecordV1 } from '@ai-gateway/core';
import { sampleRequestRecord } from './request-records.js';

export interface LogStoreConformanceCase {
  /** Makes an empty store (once for the suite). */
  create(): LogStoreV1 | Promise<LogStoreV1>;
  /** Releases the store and removes what the suite wrote. */
  cleanup?(store: LogStoreV1): Promise<void>;
}

const filterWindow = 1_700_000_000_000;
const pagingWindow = filterWindow + 3_600_000;
const statsWindow = pagingWindow + 3_600_000;
const writeWindow = statsWindow + 3_600_000;
const within = (from: number): Pick<LogQueryV1, 'from' | 'to'> => ({ from, to: from + 3_600_000 });

/** The filter window: one record per case a filter must tell apart, `started_at` one second apart. */
function filterRecords(): RequestRecordV1[] {
  const at = (second: number) => filterWindow + second * 1000;
  return [
    sampleRequestRecord({ trace_id: 'f-ok', started_at: at(0), metadata: { user: 'ana', team: 'search' }, key_id: 'key-a' }),
    sampleRequestRecord({ trace_id: 'f-404', started_at: at(1), status: 404, error: { message: 'The model does not exist.', type: 'invalid_request_error', code: 'model_not_found' }, model: 'gpt-nope', response_model: null }),
    sampleRequestRecord({ trace_id: 'f-cut', started_at: at(2), stream: true, status: 200, error: { message: 'Upstream stream ended early: Ünïcode Reset', type: 'gateway_error', code: null } }),
    sampleRequestRecord({ trace_id: 'f-anthropic', started_at: at(3), provider: 'anthropic', model: 'claude-sonnet-4-5', response_model: 'claude-sonnet-4-5-20250929', key_id: 'key-b', metadata: { user: 'bo' } }),
    sampleRequestRecord({ trace_id: 'f-alias', started_at: at(4), model: 'fast', response_model: 'claude-sonnet-4-5-20250929', provider: 'anthropic' }),
    sampleRequestRecord({ trace_id: 'f-429', started_at: at(5), status: 429, error: { message: 'Rate limited', type: 'rate_limit_error', code: null }, metadata: { user: 'ana', team: 'ads' } }),
    sampleRequestRecord({ trace_id: 'f-odd-keys', started_at: at(6), metadata: { ...JSON.parse('{"__proto__":"odd"}'), 'team.name': 'a.b', 'it\'s "quoted"': 'yes', discount: '50%' } }),
    sampleRequestRecord({ trace_id: 'f-numbers', started_at: at(7), metadata: { user: 7713 as unknown as string, discount: '500' } }),
    sampleRequestRecord({ trace_id: 'f-path', started_at: at(8), path: '/v1/embeddings', endpoint: 'embed', provider: 'mistral-ai', model: null, response_model: null }),
    sampleRequestRecord({ trace_id: 'f-null', started_at: at(9), provider: null, model: null, response_model: null, status: 499, config_path: null, attempts: [], ttfb_ms: null, cost: null }),
  ];
}

/** The paging window: 5 milliseconds holding 60 records each, half of them from `groq`. */
function pagingRecords(): RequestRecordV1[] {
  return Array.from({ length: 300 }, (_, index) =>
    sampleRequestRecord({ trace_id: `p-${String(index).padStart(3, '0')}`, started_at: pagingWindow + Math.floor(index / 60), provider: index % 2 === 0 ? 'groq' : 'openai' }),
  );
}

function statsRecords(): RequestRecordV1[] {
  return Array.from({ length: 10 }, (_, index) =>
    sampleRequestRecord({ trace_id: `s-${index}`, started_at: statsWindow + index * 10, latency_ms: 100 + index, tokens: { input: index, output: 2 * index, cached: null, reasoning: null }, cost: index === 3 ? null : index / 1000 }),
  );
}

const ids = (records: readonly RequestRecordV1[]) => records.map((record) => record.trace_id);

export function describeLogStoreConformance(name: string, testCase: LogStoreConformanceCase): void {
  describe(`log store conformance: ${name}`, () => {
    let store: LogStoreV1;
    const find = async (filters: Omit<LogQueryV1, 'limit'>, limit = 100) => ids((await store.query({ ...within(filterWindow), ...filters, limit })).data);

    beforeAll(async () => {
      store = await testCase.create();
      // Written out of time order and in several batches: the order of a page is by started_at.
      const filters = filterRecords();
      await store.write([filters[4], filters[0], filters[7]]);
      await store.write([filters[9], filters[2], filters[1], filters[8]]);
      await store.write([filters[6], filters[3], filters[5]]);
      const paging = pagingRecords();
      for (let start = 0; start < paging.length; start += 100) await store.write(paging.slice(start, start + 100));
      await store.write(statsRecords());
    });
    afterAll(async () => {
      await testCase.cleanup?.(store);
    });

    it('has a name for operator logs', () => {
      expect(store.name).toMatch(/^[a-z][a-z0-9-]*$/);
    });

    it('gives a record back as it was written, by trace id and in a page', async () => {
      const written = filterRecords()[2];
      expect(await store.get('f-cut')).toEqual(written);
      expect((await store.query({ trace_id: 'f-cut', limit: 10 })).data).toEqual([written]);
      expect(await store.get('never-written')).toBeUndefined();
    });

    it('lists newest first', async () => {
      expect(await find({})).toEqual(['f-null', 'f-path', 'f-numbers', 'f-odd-keys', 'f-429', 'f-alias', 'f-anthropic', 'f-cut', 'f-404', 'f-ok']);
    });

    it('takes from as inclusive and to as exclusive', async () => {
      expect(await find({ from: filterWindow + 2000, to: filterWindow + 4000 })).toEqual(['f-anthropic', 'f-cut']);
      expect(await find({ from: filterWindow + 8000 })).toEqual(['f-null', 'f-path']);
    });

    it('filters by status: ok, error, or one code', async () => {
      expect(await find({ status: 'ok' })).toEqual(['f-path', 'f-numbers', 'f-odd-keys', 'f-alias', 'f-anthropic', 'f-ok']);
      expect(await find({ status: 'error' })).toEqual(['f-null', 'f-429', 'f-cut', 'f-404']);
      expect(await find({ status: 429 })).toEqual(['f-429']);
      expect(await find({ status: 200 })).toEqual(['f-path', 'f-numbers', 'f-odd-keys', 'f-alias', 'f-anthropic', 'f-cut', 'f-ok']);
      expect(await find({ status: 500 })).toEqual([]);
    });

    it('filters by provider, trace id and key id', async () => {
      expect(await find({ provider: 'anthropic' })).toEqual(['f-alias', 'f-anthropic']);
      expect(await find({ trace_id: 'f-404' })).toEqual(['f-404']);
      expect(await find({ key_id: 'key-b' })).toEqual(['f-anthropic']);
      expect(await find({ provider: 'anthropic', key_id: 'key-a' })).toEqual([]);
    });

    it('filters by model, the requested one or the answered one', async () => {
      expect(await find({ model: 'claude-sonnet-4-5-20250929' })).toEqual(['f-alias', 'f-anthropic']);
      expect(await find({ model: 'fast' })).toEqual(['f-alias']);
      expect(await find({ model: 'gpt-4o-mini' })).toEqual(['f-numbers', 'f-odd-keys', 'f-429', 'f-cut', 'f-ok']);
    });

    it('filters by metadata: every pair must be there', async () => {
      expect(await find({ metadata: { user: 'ana' } })).toEqual(['f-429', 'f-ok']);
      expect(await find({ metadata: { user: 'ana', team: 'ads' } })).toEqual(['f-429']);
      expect(await find({ metadata: { user: 'ana', team: 'nobody' } })).toEqual([]);
      expect(await find({ metadata: { 'team.name': 'a.b' } })).toEqual(['f-odd-keys']);
      expect(await find({ metadata: { 'it\'s "quoted"': 'yes' } })).toEqual(['f-odd-keys']);
      expect(await find({ metadata: { team: 'a.b' } })).toEqual([]);
      expect(await find({ metadata: JSON.parse('{"__proto__":"odd"}') })).toEqual(['f-odd-keys']);
    });

    it('matches a metadata value sent as a number by its text', async () => {
      expect(await find({ metadata: { user: '7713' } })).toEqual(['f-numbers']);
      expect(await find({ q: '7713' })).toEqual(['f-numbers']);
    });

    it('finds free text in the trace id, path, provider, models, error message and metadata values, ignoring case', async () => {
      expect(await find({ q: 'F-404' })).toEqual(['f-404']);
      expect(await find({ q: 'EMBEDDINGS' })).toEqual(['f-path']);
      expect(await find({ q: 'Mistral' })).toEqual(['f-path']);
      expect(await find({ q: 'gpt-no' })).toEqual(['f-404']);
      expect(await find({ q: '0929' })).toEqual(['f-alias', 'f-anthropic']);
      expect(await find({ q: 'does not EXIST' })).toEqual(['f-404']);
      expect(await find({ q: 'ünïcode reset' })).toEqual(['f-cut']);
      expect(await find({ q: 'SEARCH' })).toEqual(['f-ok']);
    });

    it('takes free text literally, not as a pattern', async () => {
      expect(await find({ q: '50%' })).toEqual(['f-odd-keys']);
      expect(await find({ q: 'a_b' })).toEqual([]);
      expect(await find({ q: 'user' })).toEqual([]);
    });

    it('applies every filter together', async () => {
      expect(await find({ status: 'error', metadata: { user: 'ana' }, q: 'rate' })).toEqual(['f-429']);
      expect(await find({ status: 'ok', provider: 'anthropic', model: 'fast', from: filterWindow + 4000, to: filterWindow + 5000 })).toEqual(['f-alias']);
    });

    it('pages through records sharing a started_at without a gap or a repeat', async () => {
      const seen: string[] = [];
      let previous = Number.POSITIVE_INFINITY;
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.query({ ...within(pagingWindow), limit: 7, cursor });
        pages += 1;
        expect(page.data.length).toBeLessThanOrEqual(7);
        for (const record of page.data) {
          expect(record.started_at).toBeLessThanOrEqual(previous);
          previous = record.started_at;
        }
        seen.push(...ids(page.data));
        cursor = page.next_cursor ?? undefined;
      } while (cursor !== undefined && pages < 100);
      expect(pages).toBe(Math.ceil(300 / 7));
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(ids(pagingRecords()));
    });

    it('pages with a filter, and ends with a null cursor exactly at the last record', async () => {
      const first = await store.query({ ...within(pagingWindow), provider: 'groq', limit: 100 });
      expect(first.data).toHaveLength(100);
      expect(first.data.every((record) => record.provider === 'groq')).toBe(true);
      expect(first.next_cursor).toEqual(expect.any(String));
      const second = await store.query({ ...within(pagingWindow), provider: 'groq', limit: 50, cursor: first.next_cursor! });
      expect(second.data).toHaveLength(50);
      expect(second.next_cursor).toBeNull();
      expect(new Set([...ids(first.data), ...ids(second.data)]).size).toBe(150);
    });

    it('answers an empty page with no cursor when nothing matches', async () => {
      expect(await store.query({ provider: 'nobody', limit: 10 })).toEqual({ data: [], next_cursor: null });
    });

    it('gives stats rows in the range, oldest first, the newest when there are more than the limit', async () => {
      const all = await store.statsRows(statsWindow, statsWindow + 100, 100);
      expect(all.map((row) => row.latency_ms)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
      expect(all[3]).toEqual({ started_at: statsWindow + 30, status: 200, error: null, provider: 'openai', model: 'gpt-4o-mini', latency_ms: 103, ttfb_ms: 140, tokens: { input: 3, output: 6, cached: null, reasoning: null }, cost: null });
      expect((await store.statsRows(statsWindow + 20, statsWindow + 50, 100)).map((row) => row.started_at)).toEqual([statsWindow + 20, statsWindow + 30, statsWindow + 40]);
      expect((await store.statsRows(statsWindow, statsWindow + 100, 3)).map((row) => row.latency_ms)).toEqual([107, 108, 109]);
      expect(await store.statsRows(statsWindow + 1, statsWindow + 10, 100)).toEqual([]);
    });

    it('takes writes that overlap', async () => {
      const batches = [0, 1, 2].map((batch) => [0, 1, 2].map((index) => sampleRequestRecord({ trace_id: `w-${batch}-${index}`, started_at: writeWindow + batch * 3 + index })));
      await Promise.all(batches.map((batch) => store.write(batch)));
      const page = await store.query({ ...within(writeWindow), limit: 20 });
      expect(ids(page.data)).toEqual(['w-2-2', 'w-2-1', 'w-2-0', 'w-1-2', 'w-1-1', 'w-1-0', 'w-0-2', 'w-0-1', 'w-0-0']);
    });
  });
}
