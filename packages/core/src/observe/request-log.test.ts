import { describe, expect, it } from 'vitest';
import type { LogSinkV1 } from '@ai-gateway/spec';
import { silentLogger } from '../logger.js';
import { createMemoryLogStore } from './memory-log-store.js';
import { createRequestLog } from './request-log.js';

/** A collector that never answers: its writes never settle. */
const stuckSink: LogSinkV1 = { name: 'stuck', write: () => new Promise(() => {}), flush: () => new Promise(() => {}) };

function answered(log: ReturnType<typeof createRequestLog>, traceId: string): void {
  const draft = log.open('POST', '/v1/chat/completions', 'chatComplete', 'openai', new Headers(), undefined);
  draft.traceId = traceId;
  draft.answer(200, 'application/json', '{}');
}

/** `promise`'s value, or 'pending' when it has not settled within `milliseconds`. */
function within<T>(promise: Promise<T>, milliseconds: number): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), milliseconds))]);
}

describe('writing what is pending before the logs API reads', () => {
  it('puts the records of finished answers in the store at once, without waiting for the batch', async () => {
    const store = createMemoryLogStore();
    const log = createRequestLog({ store, flushIntervalMs: 60_000 }, { cost: () => null, logger: silentLogger });
    answered(log, 'trace-1');
    await log.writePending();
    expect((await store.get('trace-1'))?.status).toBe(200);
  });

  it('waits for the store only, not for a collector that does not answer', async () => {
    const store = createMemoryLogStore();
    const log = createRequestLog({ store, sinks: [stuckSink], flushIntervalMs: 60_000 }, { cost: () => null, logger: silentLogger });
    answered(log, 'trace-2');
    expect(await within(log.writePending(), 500)).toBeUndefined();
    expect(await store.get('trace-2')).toBeDefined();
    // Nothing new: still only the store's write is waited for.
    expect(await within(log.writePending(), 500)).toBeUndefined();
  });
});

describe('telling sinks of records as they are built', () => {
  it('hands each record to accept before the batch that holds it is written, in the same order', async () => {
    const events: string[] = [];
    const sink: LogSinkV1 = {
      name: 'encoding',
      accept: (record) => events.push(`accept ${record.trace_id}`),
      write: (records) => {
        events.push(`write ${records.map((record) => record.trace_id).join(',')}`);
      },
    };
    const log = createRequestLog({ sinks: [sink], flushIntervalMs: 60_000 }, { cost: () => null, logger: silentLogger });
    answered(log, 'first');
    answered(log, 'second');
    // Built a few at a time between requests: told before any batch is due.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['accept first', 'accept second']);
    await log.flush();
    expect(events).toEqual(['accept first', 'accept second', 'write first,second']);
  });

  it('goes on writing when a sink fails to take a record', async () => {
    const store = createMemoryLogStore();
    const failing: LogSinkV1 = { name: 'failing', accept: () => { throw new Error('no room'); }, write: () => {} };
    const log = createRequestLog({ store, sinks: [failing], flushIntervalMs: 60_000 }, { cost: () => null, logger: silentLogger });
    answered(log, 'kept');
    await log.writePending();
    expect(await store.get('kept')).toBeDefined();
  });
});

describe("holding open streams' bodies", () => {
  const encoder = new TextEncoder();
  const event = (index: number) => encoder.encode(`data: {"choices":[{"delta":{"content":"piece ${index} ${'x'.repeat(150)}"}}]}\n\n`);
  const usage = encoder.encode('data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":60}}\n\n');
  const eventsBytes = Array.from({ length: 60 }, (_, index) => event(index).byteLength).reduce((sum, size) => sum + size, 0) + usage.byteLength;

  function openStream(log: ReturnType<typeof createRequestLog>, traceId: string) {
    const draft = log.open('POST', '/v1/chat/completions', 'chatComplete', 'openai', new Headers(), undefined);
    draft.traceId = traceId;
    draft.streamStarted(true);
    draft.answer(200, 'text/event-stream', new ReadableStream());
    return draft;
  }

  /** Sixty events of about 200 bytes to every stream in turn, then the usage, then the end. */
  function run(streams: ReturnType<typeof openStream>[]): void {
    for (let index = 0; index < 60; index += 1) for (const stream of streams) stream.chunk(event(index));
    for (const stream of streams) {
      stream.chunk(usage);
      stream.ended(undefined, false);
    }
  }

  it('keeps a stream whole up to the body cap while the open streams hold little', async () => {
    const store = createMemoryLogStore();
    const log = createRequestLog({ store, flushIntervalMs: 60_000 }, { cost: () => null, logger: silentLogger });
    run([openStream(log, 'whole')]);
    await log.writePending();
    const record = await store.get('whole');
    expect(record?.response).toMatchObject({ bytes: eventsBytes, truncated: false });
    expect(record?.response.text).toHaveLength(eventsBytes);
  });

  it('keeps the first 4 KiB of each stream once open streams hold the most, still reads the usage at the end, and frees the room when they end', async () => {
    const store = createMemoryLogStore();
    const log = createRequestLog({ store, flushIntervalMs: 60_000, maxStreamCaptureBytes: 8192 }, { cost: () => null, logger: silentLogger });
    run(['a', 'b', 'c'].map((traceId) => openStream(log, traceId)));
    await log.writePending();
    for (const traceId of ['a', 'b', 'c']) {
      const record = await store.get(traceId);
      expect(record?.response).toMatchObject({ bytes: eventsBytes, truncated: true });
      expect(record?.response.text?.startsWith('data: {"choices":[{"delta":{"content":"piece 0 ')).toBe(true);
      expect(record?.response.text?.length).toBeLessThanOrEqual(4096);
      expect(record?.tokens).toMatchObject({ input: 7, output: 60 });
    }
    // The three have ended: a stream alone may hold the whole pool, two blocks.
    run([openStream(log, 'd')]);
    await log.writePending();
    const alone = (await store.get('d'))?.response.text ?? '';
    expect(alone.length).toBeGreaterThan(4096);
    expect(alone.length).toBeLessThanOrEqual(8192);
  });
});
