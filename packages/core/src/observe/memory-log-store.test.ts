import type { RequestRecordV1 } from '@ai-gateway/spec';
import { describe, expect, it } from 'vitest';
import { createMemoryLogStore } from './memory-log-store.js';

function record(index: number, traceId = `t-${index}`): RequestRecordV1 {
  return { trace_id: traceId, started_at: 1000 + index, path: '/v1/chat/completions', metadata: {}, provider: 'openai', model: 'gpt-4o', response_model: null, status: 200, error: null, key_id: null } as RequestRecordV1;
}

describe('createMemoryLogStore', () => {
  it('keeps exactly the newest maxRecords records, across batches', async () => {
    const store = createMemoryLogStore({ maxRecords: 100 });
    const records = Array.from({ length: 137 }, (_, index) => record(index));
    await store.write(records.slice(0, 60));
    await store.write(records.slice(60));
    const page = await store.query({ limit: 500 });
    expect(page.data.map((kept) => kept.trace_id)).toEqual(records.slice(37).reverse().map((kept) => kept.trace_id));
    expect(await store.get('t-36')).toBeUndefined();
    expect(await store.get('t-37')).toBeDefined();
    expect(await store.statsRows(0, 10_000, 1_000)).toHaveLength(100);
  });

  it('keeps records within maxBytes, counting their bodies, and always the newest', async () => {
    const store = createMemoryLogStore({ maxBytes: 101_000 });
    const withBody = (index: number) => ({ ...record(index), request: { text: 'x'.repeat(10_000), bytes: 10_000, truncated: false }, response: { text: 'y'.repeat(8_000), bytes: 8_000, truncated: false } }) as RequestRecordV1;
    await store.write(Array.from({ length: 20 }, (_, index) => withBody(index)));
    // 18 KB of bodies and 2 KiB besides: five records fit in 101 KB, six do not.
    expect((await store.query({ limit: 500 })).data.map((kept) => kept.trace_id)).toEqual(['t-19', 't-18', 't-17', 't-16', 't-15']);
    const huge = { ...record(99), response: { text: 'z'.repeat(200_000), bytes: 200_000, truncated: false } } as RequestRecordV1;
    await store.write([huge]);
    expect((await store.query({ limit: 500 })).data.map((kept) => kept.trace_id)).toEqual(['t-99']);
  });

  it('keeps 5,000 records when no bound is given', async () => {
    const store = createMemoryLogStore();
    await store.write(Array.from({ length: 5_050 }, (_, index) => record(index)));
    expect(await store.statsRows(0, 100_000, 10_000)).toHaveLength(5_000);
    expect(await store.get('t-49')).toBeUndefined();
    expect(await store.get('t-50')).toBeDefined();
  });

  it('gives the latest record of a trace id, and forgets it only when that one leaves the ring', async () => {
    const store = createMemoryLogStore({ maxRecords: 3 });
    await store.write([record(1, 'reused'), record(2)]);
    await store.write([record(3, 'reused')]);
    expect((await store.get('reused'))?.started_at).toBe(1003);
    await store.write([record(4)]);
    expect((await store.get('reused'))?.started_at).toBe(1003);
    await store.write([record(5), record(6)]);
    expect(await store.get('reused')).toBeUndefined();
  });

  it('refuses a bound that is not a whole number of at least 1', () => {
    expect(() => createMemoryLogStore({ maxRecords: 0 })).toThrow(/maxRecords/);
    expect(() => createMemoryLogStore({ maxRecords: 1.5 })).toThrow(/maxRecords/);
  });
});
