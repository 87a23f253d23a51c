/**
 * The request log: drafts opened on the request path, records built and written after the answers,
 * in batches, off the request path. Every sink gets every batch; the store is the sink the logs API
 * reads; the metrics and the live tail see each record as it is built.
 */
import type { LogSinkV1, LogStoreV1, RequestRecordV1 } from '@ai-gateway/spec';
import type { GatewayLogger } from '../logger.js';
import type { ExecutionContextHolder } from '../keep-alive.js';
import { finishRecord, type CostEstimate } from '../record/finish-record.js';
import { RecordDraft, type StreamCapturePool } from '../record/record-draft.js';
import { serverSpanContext } from '../record/trace-context.js';

export interface RequestLogOptions {
  /** The sink the logs API and the console read (runtime-node: SQLite; Bun and Workers: memory). */
  store?: LogStoreV1;
  /** More sinks that get every record: an HTTP collector, OpenTelemetry traces. */
  sinks?: readonly LogSinkV1[];
  /** Most bytes kept of each request and response body; 0 keeps none. Default 32 KiB. */
  maxBodyBytes?: number;
  /**
   * Most bytes of open streams' bodies held at once, all streams together, until their records are
   * built. Each stream keeps at least its first 4 KiB; past this, streams keep what they have and
   * their records say the body was cut. Default 32 MiB: a thousand streams of 32 KiB.
   */
  maxStreamCaptureBytes?: number;
  /** Spans ids in records and a `traceparent` on upstream calls (for OpenTelemetry). Default off. */
  tracing?: boolean;
  /** How long records wait to be written together. Default 50 ms: short batches keep each one's work on the event loop small. */
  flushIntervalMs?: number;
}

/** What the request log tells as records are built: metrics, the live tail. */
export type RecordListener = (record: RequestRecordV1) => void

export const defaultMaxLoggedBodyBytes = 32 * 1024;
export const defaultMaxStreamCaptureBytes = 32 * 1024 * 1024;
/** Streams keep at least this much of their start for the answering model, even with bodies off. */
const minimumStreamCapture = 4 * 1024;
/**
 * Runs `callback` once the event loop has served the I/O that is waiting: `setImmediate` where the
 * runtime has it (Node, Bun), else a zero timeout (Workers). Records are built this way after
 * every request that ends on its own; a Node timer (its list, its priority queue, and a delay of at
 * least 1 ms) cost about 2,000 instructions a request, an immediate a fraction of that.
 */
const runtimeImmediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
const afterIo: (callback: () => void) => void = runtimeImmediate ? (callback) => void runtimeImmediate(callback) : (callback) => void setTimeout(callback, 0);

/** The longest the log builds records in one go, in milliseconds, before requests get their turn. */
const buildSliceMs = 0.2;
/** Most records waiting to be written; beyond it the oldest are dropped (a sink that cannot keep up). */
const maxPendingRecords = 50_000;

export interface RequestLog {
  readonly store: LogStoreV1 | undefined;
  readonly tracing: boolean;
  /** Opens a request's draft, on the request path: a few field writes. */
  open(method: string, path: string, endpoint: string, format: string, headers: Headers, runtime: ExecutionContextHolder | undefined): RecordDraft;
  /** Builds the records of every finished draft now (before the metrics are read). */
  drain(): void;
  /**
   * Builds and writes every finished draft's record now, and resolves once the store has them (the
   * logs API reads it next). The other sinks get the batch too, but are not waited for: a slow
   * collector must not hold up the logs API.
   */
  writePending(): Promise<void>;
  /** Every record as it is built; returns the way to stop listening. */
  listen(listener: RecordListener): () => void;
  /** Writes everything pending and flushes every sink (shutdown). */
  flush(): Promise<void>;
}

/** What the log needs from the gateway: prices, the operator's log, and the in-flight gauge (metrics). */
export interface RequestLogContext {
  cost: CostEstimate;
  logger: GatewayLogger;
  requestStarted?: () => void;
  requestEnded?: () => void;
}

/** Hands `promise` to the runtime's `waitUntil`; false when the runtime has none (Node, Bun). */
function holdOpen(runtime: ExecutionContextHolder, promise: Promise<void>): boolean {
  try {
    runtime.executionCtx.waitUntil(promise);
    return true;
  } catch {
    return false;
  }
}

export function createRequestLog(options: RequestLogOptions, { cost, logger, requestStarted, requestEnded }: RequestLogContext): RequestLog {
  const sinks: LogSinkV1[] = [...(options.store ? [options.store] : []), ...(options.sinks ?? [])];
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxLoggedBodyBytes;
  const captureBytes = Math.max(maxBodyBytes, minimumStreamCapture);
  const capturePool: StreamCapturePool = { held: 0, most: options.maxStreamCaptureBytes ?? defaultMaxStreamCaptureBytes };
  const flushIntervalMs = options.flushIntervalMs ?? 50;
  const tracing = options.tracing ?? false;
  const acceptingSinks = sinks.filter((sink) => sink.accept !== undefined);
  const listeners = new Set<RecordListener>();
  let finished: RecordDraft[] = [];
  let built: RequestRecordV1[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let batchWritten: Promise<void> | undefined;
  let settleBatch: (() => void) | undefined;
  let dropped = 0;
  let hasExecutionContext: boolean | undefined;
  /** The store's write of the latest batch. */
  let storeWritten: Promise<void> = Promise.resolve();

  /** Builds the records of finished drafts, oldest first, until none is left or `deadline` (performance.now()) passed. */
  const build = (deadline: number) => {
    let next = 0;
    while (next < finished.length) {
      const draft = finished[next];
      next += 1;
      let record: RequestRecordV1;
      try {
        record = finishRecord(draft, { maxBodyBytes, cost });
      } catch (error) {
        logger.warn('a request record could not be built', { error: (error as Error).message });
        continue;
      }
      built.push(record);
      for (const sink of acceptingSinks) {
        try {
          sink.accept!(record);
        } catch (error) {
          logger.warn('a log sink failed to take a record', { sink: sink.name, error: (error as Error).message });
        }
      }
      try {
        draft.onRecord?.(record);
      } catch (error) {
        logger.warn('a request record listener failed', { error: (error as Error).message });
      }
      for (const listener of listeners) {
        try {
          listener(record);
        } catch (error) {
          logger.warn('a request log listener failed', { error: (error as Error).message });
        }
      }
      if ((next & 3) === 0 && performance.now() > deadline) break;
    }
    finished = next === finished.length ? [] : finished.slice(next);
  };

  const drain = () => build(Number.POSITIVE_INFINITY);

  /**
   * Records are built a few at a time between requests, not all at once when a batch is written:
   * a batch's worth at once (tens of records, tens of microseconds each) would stall every request
   * in flight for a millisecond or more, which is what a p99 sees.
   */
  let building = false;
  const buildSome = () => {
    building = false;
    build(performance.now() + buildSliceMs);
    if (finished.length > 0) {
      building = true;
      afterIo(buildSome);
    }
  };

  const write = async (records: RequestRecordV1[]) => {
    const writes = sinks.map(async (sink) => {
      try {
        await sink.write(records);
        // A sink that queues (HTTP) has sent the batch only when its flush resolves: on Workers the
        // batch's promise is what `waitUntil` holds the request open for.
        await sink.flush?.();
      } catch (error) {
        logger.warn('a log sink failed to write records', { sink: sink.name, records: records.length, error: (error as Error).message });
      }
    });
    if (options.store) storeWritten = writes[0];
    await Promise.all(writes);
  };

  const writeBatch = (): Promise<void> => {
    timer = undefined;
    const settle = settleBatch;
    batchWritten = undefined;
    settleBatch = undefined;
    drain();
    const records = built;
    built = [];
    if (dropped > 0) {
      logger.warn('request records were dropped: the log sinks could not keep up', { dropped });
      dropped = 0;
    }
    const written = records.length > 0 && sinks.length > 0 ? write(records) : Promise.resolve();
    return written.then(settle, settle);
  };

  const owner = {
    submit(draft: RecordDraft) {
      requestEnded?.();
      if (finished.length >= maxPendingRecords) {
        finished.shift();
        dropped += 1;
      }
      finished.push(draft);
      if (!building) {
        building = true;
        afterIo(buildSome);
      }
      if (timer === undefined) {
        batchWritten = new Promise<void>((resolve) => (settleBatch = resolve));
        timer = setTimeout(writeBatch, flushIntervalMs);
        // On Node the process may exit with a batch pending; shutdown flushes it (flush()).
        (timer as { unref?: () => void }).unref?.();
      }
      // Hono's context throws (building an Error) where there is no execution context: asked once.
      if (hasExecutionContext !== false && draft.runtime) hasExecutionContext = holdOpen(draft.runtime, batchWritten!);
    },
  };

  return {
    store: options.store,
    tracing,
    open(method, path, endpoint, format, headers, runtime) {
      requestStarted?.();
      const draft = new RecordDraft(owner, method, path, endpoint, format, headers, captureBytes, runtime, capturePool);
      if (tracing) draft.span = serverSpanContext(headers.get('traceparent'));
      return draft;
    },
    drain,
    writePending() {
      // Without a timer nothing is waiting: the latest batch is written, or being written.
      if (timer !== undefined) {
        clearTimeout(timer);
        void writeBatch();
      }
      return storeWritten;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      if (timer !== undefined) {
        clearTimeout(timer);
        await writeBatch();
      }
      await Promise.all(sinks.map((sink) => sink.flush?.().catch((error: Error) => logger.warn('a log sink failed to flush', { sink: sink.name, error: error.message }))));
    },
  };
}
