/**
 * The cache step of the request path: after the config is chosen, before the strategy engine.
 * A hit answers from the stored bytes and never reaches the strategy engine (nor any upstream);
 * a miss runs the config and stores a clean 200 answer once it is complete, off the request path.
 */
import type { Config, ConfigCache } from '../config/schema.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import type { CachedAnswer } from './cache-store.js';
import { cacheKeyOf } from './cache-key.js';
import { cachePolicyFor, type CacheStatus } from './cache-policy.js';
import { readUpTo, recordStream } from './capture-body.js';
import type { ResponseCache } from './response-cache.js';

/**
 * What a runtime offers to keep work going after the response is sent (Cloudflare Workers'
 * `ctx.waitUntil`). Hono's Context has this shape; its `executionCtx` throws on runtimes without one.
 */
export interface ExecutionContextHolder {
  readonly executionCtx: { waitUntil(promise: Promise<unknown>): void };
}

/** Where the answer came from, for `x-portkey-cache-status`. */
export interface CacheTrace {
  cacheStatus?: CacheStatus;
}

/** Hands `promise` to the runtime's `waitUntil` when there is one; elsewhere it simply runs on. */
export function keepAlive(runtime: ExecutionContextHolder | undefined, promise: Promise<unknown>): void {
  if (!runtime) return;
  try {
    runtime.executionCtx.waitUntil(promise);
  } catch {
    // No execution context (Node, Bun): nothing ends the process under a pending promise.
  }
}

const doneEvent = 'data: [DONE]';
const decoder = new TextDecoder();

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
function responseFromCache(answer: CachedAnswer): Response {
  const headers = new Headers({ 'content-type': answer.contentType });
  if (isEventStream(answer.contentType)) headers.set('cache-control', 'no-cache');
  return new Response(answer.body as Uint8Array<ArrayBuffer>, { status: answer.status, headers });
}

export interface CachedExecution {
  cacheConfig: ConfigCache;
  config: Config;
  request: GatewayRequest;
  cache: ResponseCache;
  trace: CacheTrace;
  runtime: ExecutionContextHolder | undefined;
  /** Runs the config (the strategy engine): what a miss does. */
  run: () => Promise<Response>;
}

export async function executeWithCache({ cacheConfig, config, request, cache, trace, runtime, run }: CachedExecution): Promise<Response> {
  const policy = cachePolicyFor(cacheConfig, request);
  if (!policy) return run();
  const key = await cacheKeyOf(request, config);
  if (request.options.cacheForceRefresh) {
    trace.cacheStatus = 'REFRESH';
  } else {
    const cached = await cache.get(key);
    if (cached) {
      trace.cacheStatus = 'HIT';
      return responseFromCache(cached);
    }
    trace.cacheStatus = 'MISS';
  }

  const response = await run();
  // Only plain successes: errors, partial answers and guardrail verdicts (246) are never replayed.
  if (policy.ttlMs <= 0 || response.status !== 200) return response;
  const headers = response.headers;
  const contentType = headers.get('content-type') ?? '';
  const streamed = request.stream && isEventStream(contentType);
  if (!streamed && !contentType.includes('json')) return response;
  const body = response.body;
  if (!body) return response;
  const store = (bytes: Uint8Array) => cache.set(key, { status: 200, contentType, body: bytes }, policy.ttlMs);

  if (streamed) {
    const recorded = recordStream(body, cache.maxEntryBytes);
    keepAlive(runtime, recorded.finished.then((bytes) => (bytes && endsWithDone(bytes) ? store(bytes) : undefined)));
    return new Response(recorded.stream, { status: 200, headers });
  }
  // A JSON answer is read whole before answering (the client needs all of it anyway), so the
  // bytes stored are exactly the bytes sent, and are sent in one piece.
  const read = await readUpTo(body, cache.maxEntryBytes);
  if ('stream' in read) return new Response(read.stream, { status: 200, headers });
  keepAlive(runtime, store(read.bytes));
  return new Response(read.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
