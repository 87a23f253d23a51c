/**
 * The cache step of the request path: after the config is chosen, before the strategy engine.
 * A hit answers from the stored bytes and never reaches the strategy engine (nor any upstream);
 * a miss runs the config and stores a clean 200 answer once it is complete, off the request path.
 */
import type { Config, ConfigCache } from '../config/schema.js';
import { readBodyOf, type Answer, type HeaderRecord } from '../upstream/answer.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import type { CachedAnswer } from '@ai-gateway/spec';
import { cacheKeyOf } from './cache-key.js';
import { cachePolicyFor, type CacheStatus } from './cache-policy.js';
import { readUpTo, recordStream } from './capture-body.js';
import type { ResponseCache } from './response-cache.js';
import { keepAlive, type ExecutionContextHolder } from '../keep-alive.js';

export { keepAlive, type ExecutionContextHolder };

/** Where the answer came from, for `x-portkey-cache-status`. */
export interface CacheTrace {
  cacheStatus?: CacheStatus;
}

const doneEvent = 'data: [DONE]';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * A stream that ends with `[DONE]` ended cleanly: a failure mid-stream ends it with an error event
 * instead (see guard-stream.ts), and a cut one ends with neither.
 */
function endsWithDone(body: Uint8Array): boolean {
  return decoder.decode(body.subarray(Math.max(0, body.byteLength - 64))).trimEnd().endsWith(doneEvent);
}

function isEventStream(contentType: string): boolean {
  return contentType.startsWith('text/event-stream');
}

/** The stored bytes as they are: no parsing, no copy. */
function answerFromCache(cached: CachedAnswer): Answer {
  const headers: HeaderRecord = { 'content-type': cached.contentType };
  if (isEventStream(cached.contentType)) headers['cache-control'] = 'no-cache';
  return { status: cached.status, headers, body: cached.body };
}

export interface CachedExecution {
  cacheConfig: ConfigCache;
  config: Config;
  request: GatewayRequest;
  cache: ResponseCache;
  trace: CacheTrace;
  runtime: ExecutionContextHolder | undefined;
  /** Runs the config (the strategy engine): what a miss does. */
  run: () => Promise<Answer>;
}

export async function executeWithCache({ cacheConfig, config, request, cache, trace, runtime, run }: CachedExecution): Promise<Answer> {
  const policy = cachePolicyFor(cacheConfig, request);
  if (!policy) return run();
  const key = await cacheKeyOf(request, config);
  if (request.options.cacheForceRefresh) {
    trace.cacheStatus = 'REFRESH';
  } else {
    const cached = await cache.get(key);
    if (cached) {
      trace.cacheStatus = 'HIT';
      return answerFromCache(cached);
    }
    trace.cacheStatus = 'MISS';
  }

  const answer = await run();
  // Only plain successes: errors, partial answers and guardrail verdicts (246) are never replayed.
  if (policy.ttlMs <= 0 || answer.status !== 200) return answer;
  const contentType = answer.headers['content-type'] ?? '';
  const streamed = request.stream && isEventStream(contentType);
  if (!streamed && !contentType.includes('json')) return answer;
  const body = answer.body;
  if (body === null) return answer;
  const store = (bytes: Uint8Array) => cache.set(key, { status: 200, contentType, body: bytes }, policy.ttlMs);

  if (typeof body === 'string' || body instanceof Uint8Array) {
    // Already whole (a buffered or a translated answer): stored as it is sent, and sent as it is.
    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    if (bytes.byteLength <= cache.maxEntryBytes && (!streamed || endsWithDone(bytes))) keepAlive(runtime, store(bytes));
    return answer;
  }
  if (streamed) {
    const recorded = recordStream(readBodyOf(body), cache.maxEntryBytes);
    keepAlive(runtime, recorded.finished.then((bytes) => (bytes && endsWithDone(bytes) ? store(bytes) : undefined)));
    return { status: 200, headers: answer.headers, body: recorded.stream };
  }
  // A JSON answer is read whole before answering (the client needs all of it anyway), so the
  // bytes stored are exactly the bytes sent, and are sent in one piece.
  const read = await readUpTo(readBodyOf(body), cache.maxEntryBytes);
  if ('stream' in read) return { status: 200, headers: answer.headers, body: read.stream };
  keepAlive(runtime, store(read.bytes));
  return { status: 200, headers: answer.headers, body: read.bytes };
}
