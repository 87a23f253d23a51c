/**
 * A log sink that POSTs request records to an HTTP collector as JSON lines
 * (`application/x-ndjson`, one record per line): Vector, Fluent Bit, Logstash's http input, an
 * OpenTelemetry collector's receiver, or a service of the operator's own. Web APIs only, so every
 * runtime can give it.
 *
 * Sending never holds up a request: `write` queues and returns. Batches go one at a time, oldest
 * first; a failed one is tried again with backoff, then given up. A slow or down collector does not
 * make the queue grow without bound: past `maxBufferedRecords` the oldest records are dropped, and
 * the operator's logger is told how many.
 */
import type { LogSinkV1, RequestRecordV1 } from '@ai-gateway/spec';
import { consoleLogger, redactingLogger, type GatewayLogger } from '../logger.js';
import { postBatch } from './post-batch.js';

export interface HttpLogSinkOptions {
  /** The collector's URL (http or https); records are POSTed to it. */
  url: string;
  /** Sent with every POST, e.g. the collector's `authorization`; never logged. A `content-type` here replaces `application/x-ndjson`. */
  headers?: Record<string, string>;
  /** The fetch to send with; the global one by default. */
  fetch?: typeof fetch;
  /** Most records in one POST; a larger write is sent as several. 100 by default. */
  maxBatch?: number;
  /** Most records waiting to be sent; past it the oldest are dropped. 10,000 by default. */
  maxBufferedRecords?: number;
  /** Where drops and failures are reported; the console by default. */
  logger?: GatewayLogger;
  /** How many more times a failed batch is sent (network error, timeout, 408, 429, 5xx); 3 by default. */
  retries?: number;
  /** The wait before the first retry, doubled before each next; 500 ms by default. */
  retryDelayMs?: number;
  /** How long one POST may take; 10 seconds by default. */
  timeoutMs?: number;
}

/** Drops are reported at most this often while they go on (and always by `flush`). */
const dropReportIntervalMs = 10_000;

/**
 * @example
 * const sink = createHttpLogSink({ url: 'https://logs.example.com/ai-gateway', headers: { authorization: `Bearer ${env.LOGS_TOKEN}` } });
 */
export function createHttpLogSink(options: HttpLogSinkOptions): LogSinkV1 {
  const url = collectorUrl(options.url);
  const maxBatch = positiveInteger(options.maxBatch ?? 100, 'maxBatch');
  const maxBuffered = positiveInteger(options.maxBufferedRecords ?? 10_000, 'maxBufferedRecords');
  const retries = Math.max(0, Math.floor(options.retries ?? 3));
  const retryDelayMs = Math.max(0, options.retryDelayMs ?? 500);
  const logger = redactingLogger(options.logger ?? consoleLogger);
  const post = { url: url.href, headers: collectorHeaders(options.headers), fetch: options.fetch ?? ((input, init) => fetch(input, init)), timeoutMs: options.timeoutMs ?? 10_000 } satisfies Parameters<typeof postBatch>[0];
  const collector = url.host;

  const queue: RequestRecordV1[][] = [];
  let buffered = 0;
  let sending: Promise<void> | undefined;
  let droppedUnreported = 0;
  let lastDropReport = Number.NEGATIVE_INFINITY;

  function reportDrops(always: boolean): void {
    if (droppedUnreported === 0) return;
    const now = Date.now();
    if (!always && now - lastDropReport < dropReportIntervalMs) return;
    logger.warn(`[ai-gateway] [http log sink] dropped ${droppedUnreported} request records, the oldest: ${maxBuffered} were already waiting for ${collector}`, { sink: 'http', dropped: droppedUnreported });
    droppedUnreported = 0;
    lastDropReport = now;
  }

  /** Keeps the newest `maxBuffered` records waiting. */
  function dropOldest(): void {
    while (buffered > maxBuffered) {
      const excess = buffered - maxBuffered;
      const oldest = queue[0];
      const dropping = Math.min(excess, oldest.length);
      if (dropping === oldest.length) queue.shift();
      else queue[0] = oldest.slice(dropping);
      buffered -= dropping;
      droppedUnreported += dropping;
    }
    reportDrops(false);
  }

  async function sendWithRetries(batch: readonly RequestRecordV1[]): Promise<void> {
    const body = toJsonLines(batch);
    for (let attempt = 0; ; attempt++) {
      const failure = await postBatch(post, body);
      if (!failure) return;
      if (!failure.retryable || attempt >= retries) {
        logger.warn(`[ai-gateway] [http log sink] gave up on ${batch.length} request records after ${attempt + 1} tries: ${collector} ${failure.message}`, { sink: 'http', records: batch.length });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** attempt));
    }
  }

  /** Sends until the queue is empty. `sending` is cleared in the same turn the queue is seen empty, so a later write starts a new run. */
  async function sendQueued(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.shift()!;
        buffered -= batch.length;
        await sendWithRetries(batch);
        reportDrops(false);
      }
    } finally {
      sending = undefined;
    }
  }

  async function flush(): Promise<void> {
    while (sending) await sending;
    reportDrops(true);
  }

  return {
    name: 'http',
    write(records) {
      if (records.length === 0) return;
      for (let start = 0; start < records.length; start += maxBatch) queue.push(records.slice(start, start + maxBatch));
      buffered += records.length;
      dropOldest();
      sending ??= sendQueued();
    },
    flush,
    close: flush,
  };
}

/** One JSON line per record; a record that cannot be serialised is left out rather than the batch. */
function toJsonLines(records: readonly RequestRecordV1[]): string {
  let body = '';
  for (const record of records) {
    try {
      body += `${JSON.stringify(record)}\n`;
    } catch {
      // A record is plain data; this is a bug elsewhere, not a reason to lose its batch.
    }
  }
  return body;
}

/** The operator's headers, and JSON lines' content type unless they name another. */
function collectorHeaders(headers: Record<string, string> | undefined): Headers {
  const result = new Headers(headers);
  if (!result.has('content-type')) result.set('content-type', 'application/x-ndjson');
  return result;
}

function collectorUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('[ai-gateway] [http log sink] url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`[ai-gateway] [http log sink] url must be http or https, not ${url.protocol}`);
  // fetch refuses such a URL on every POST; say so once, at start-up.
  if (url.username || url.password) throw new Error('[ai-gateway] [http log sink] url must not hold credentials: give them in headers (authorization)');
  return url;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`[ai-gateway] [http log sink] ${name} must be a whole number, 1 or more`);
  return value;
}
