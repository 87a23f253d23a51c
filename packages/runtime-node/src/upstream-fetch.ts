/**
 * The upstream client: undici's dispatcher API over one pooled keep-alive Agent, shaped as `fetch`
 * for core. Calls to the same provider reuse warm connections instead of paying a TCP (and TLS)
 * handshake each time.
 *
 * Why not undici's `fetch`: profiling the gateway under load showed fetch's WHATWG machinery
 * (a Request object, a ReadableStream around a body that is already bytes, WebIDL conversions,
 * abort-signal plumbing) costing more CPU per call than the rest of the gateway's own work. Core's
 * calls are always a URL string with a string or byte body, so `request()` carries them. A short
 * answer of declared length is read whole and handed over as bytes (see buffered-response.ts);
 * any other streams as the upstream sends it. Anything else (a
 * FormData or Blob body for audio uploads) goes through undici's fetch on the same pool.
 */
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { bufferedAnswerLimit, GatewayError, nullBodyStatuses, withFields, type ClientSignal, type UpstreamResponse } from '@ai-gateway/core';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { BufferedResponse } from './buffered-response.js';
import { createCallDeadlines } from './call-deadlines.js';
import { decoded } from './decoded-body.js';
import { toAbortSignal } from './disconnect-signal.js';
import { ParsedHeaders } from './parsed-headers.js';
import { type Activity, StreamedResponse } from './streamed-response.js';
import { addressRefusalOf, refusingLinkLocalLookup } from './refusing-lookup.js';

/**
 * What the Node client takes: core's calls, with a real AbortSignal or with the client's own
 * signal and a timeout to keep (core's `UpstreamFetch` and `TimedFetch` both), and providers' own.
 */
export interface NodeUpstreamInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  signal?: ClientSignal | null;
  /** Milliseconds: the longest wait for the headers, and the longest silence in the body after them. */
  timeout?: number;
  redirect?: RequestRedirect;
}

export type NodeUpstreamFetch = (url: string, init?: NodeUpstreamInit) => Promise<UpstreamResponse>;

/**
 * The most bytes a buffered upstream answer may decompress to: 32 MiB. An answer read whole is at
 * most 4 MiB on the wire, but gzip, deflate and brotli can expand a thousandfold, so an upstream
 * (a custom host is any server a client names) could otherwise make one request hold a gigabyte.
 */
export const defaultMaxBufferedAnswerBytes = 32 * 1024 * 1024;

export interface UpstreamFetchOptions {
  /**
   * Most sockets per upstream origin; default no limit. A stream holds its connection for as long
   * as it runs, so ten thousand concurrent streams to one provider are ten thousand connections: a
   * cap would make the streams past it wait for others to end.
   */
  connections?: number;
  /** How long an idle pooled socket is kept, in milliseconds. */
  keepAliveTimeout?: number;
  /**
   * The most bytes an answer read whole (one of declared length up to 4 MiB, not a stream of
   * events) may decompress to; past it the upstream connection is closed and the client gets a
   * 502. Default `defaultMaxBufferedAnswerBytes` (32 MiB). Streamed answers are not limited: they
   * are passed on as they arrive, as fast as the client reads them.
   */
  maxBufferedAnswerBytes?: number;
  /**
   * Resolves upstream host names; default `dns.lookup`. Whatever it answers, a name resolving to a
   * link-local or cloud-metadata address (169.254.0.0/16, fe80::/10, ...) is refused. Tests give
   * names their own addresses here instead of using real DNS.
   */
  lookup?: LookupFunction;
}

/** What fetch sent on its own and providers may rely on; the caller's headers win. */
const defaultHeaders: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'node' };

function toHeaderRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers instanceof Headers || Array.isArray(headers)) {
    for (const [name, value] of new Headers(headers)) record[name] = value;
  } else if (headers) {
    // A record (what core sends) is copied as it is; undici validates names and values itself.
    for (const name in headers) record[name.toLowerCase()] = headers[name];
  }
  for (const name in defaultHeaders) record[name] ??= defaultHeaders[name];
  return record;
}

/**
 * Answers read whole before `fetch` resolves: of declared length up to core's `bufferedAnswerLimit`,
 * and not a stream of events. Core reads such answers whole anyway.
 */
function isBufferable(headers: Headers): boolean {
  const declaredLength = Number(headers.get('content-length') ?? Number.NaN);
  return declaredLength <= bufferedAnswerLimit && !(headers.get('content-type') ?? '').includes('event-stream');
}

/** The whole body, or a rejection as soon as it grows past `maxBytes` (then the body is destroyed). */
function readWhole(body: Readable, maxBytes: number, tooLarge: () => Error, activity: Activity | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      activity?.touch();
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      body.destroy(tooLarge());
    });
    body.once('end', () => {
      activity?.finish();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    body.once('error', (error) => {
      activity?.finish();
      reject(error);
    });
  });
}

function answerTooLarge(origin: string, encoding: string | null, maxBytes: number): GatewayError {
  const how = encoding ? `once decompressed (${encoding})` : 'in all';
  return new GatewayError(`The answer from ${origin} is larger than ${maxBytes} bytes ${how}, this gateway's limit for an answer it reads whole; it was not read further.`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_body_too_large',
  });
}

/**
 * The gateway's upstream `fetch` on Node: pooled keep-alive connections, never to a link-local or
 * cloud-metadata address (whatever a name resolves to), answers read whole bounded in size.
 */
export function createUpstreamFetch(options: UpstreamFetchOptions = {}): { fetch: NodeUpstreamFetch; close(): Promise<void> } {
  const maxBufferedAnswerBytes = options.maxBufferedAnswerBytes ?? defaultMaxBufferedAnswerBytes;
  const agent = new Agent({
    connections: options.connections ?? null,
    keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
    keepAliveMaxTimeout: 600_000,
    // A call's timeout is kept by call-deadlines.ts; a call without one waits as long as it takes.
    headersTimeout: 0,
    bodyTimeout: 0,
    // Every connection's addresses are checked as it is made (see refusing-lookup.ts); undici
    // hands these options to net.connect and tls.connect.
    connect: { lookup: refusingLinkLocalLookup(options.lookup) },
  });
  // Redirects are never followed: the custom-host check vets the first address only, and a
  // redirect could lead the gateway (and the provider key) anywhere, link-local addresses included.
  // A 3xx answer reaches core as an upstream error.
  const dispatcher = agent;
  const deadlines = createCallDeadlines();
  // undici's fetch insists on a real AbortSignal; core may hand a DisconnectSignal (node-incoming.ts).
  // Its timeout covers the whole call (undici's fetch takes no per-call timers); these calls are
  // uploads whose answers are short.
  const viaFetch = (input: string, init: NodeUpstreamInit): Promise<UpstreamResponse> => {
    const clientSignal = init.signal ? toAbortSignal(init.signal) : undefined;
    const timeoutSignal = init.timeout ? AbortSignal.timeout(init.timeout) : undefined;
    const signal = clientSignal && timeoutSignal ? AbortSignal.any([clientSignal, timeoutSignal]) : (clientSignal ?? timeoutSignal);
    const fetchInit = withFields(init, { signal, redirect: 'manual' as const, dispatcher: agent }) as Parameters<typeof undiciFetch>[1];
    // undici's Response is the one Node's global fetch returns; its typings are undici's own.
    return (undiciFetch(input, fetchInit) as unknown as Promise<Response>).catch((error: unknown) => {
      throw addressRefusalOf(error) ?? error;
    });
  };

  // Origin and path of each upstream URL, parsed once: a gateway calls the same few URLs all day.
  // URLs with a query are parsed every time; they may carry a key (Gemini's `?key=`) and vary.
  const parsedUrls = new Map<string, { origin: string; path: string }>();
  const splitUrl = (input: string): { origin: string; path: string } => {
    let parsed = parsedUrls.get(input);
    if (!parsed) {
      const url = new URL(input);
      parsed = { origin: url.origin, path: url.pathname + url.search };
      if (url.search) return parsed;
      if (parsedUrls.size >= 1024) parsedUrls.clear();
      parsedUrls.set(input, parsed);
    }
    return parsed;
  };

  const pooledFetch: NodeUpstreamFetch = async (input, init = {}) => {
    const body = init.body ?? null;
    if (!(body === null || typeof body === 'string' || body instanceof Uint8Array)) return viaFetch(input, init);

    if (init.signal?.aborted) throw init.signal.reason;
    const { origin, path } = splitUrl(input);
    const method = (init.method ?? 'GET').toUpperCase();
    // With a timeout, undici gets a signal that follows the client's and also runs out.
    const deadline = init.timeout ? deadlines.start(init.timeout, init.signal ?? undefined) : undefined;
    const signal = deadline ?? init.signal ?? undefined;
    let answer: Dispatcher.ResponseData;
    try {
      answer = await dispatcher.request({
        origin,
        path,
        method: method as Dispatcher.HttpMethod,
        headers: toHeaderRecord(init.headers),
        body,
        signal,
      });
    } catch (error) {
      deadline?.finish();
      // The same failures fetch reports: the abort reason as it is, anything else as the cause
      // of a TypeError (core reads `cause.code`, e.g. ECONNREFUSED).
      if (signal?.aborted) throw signal.reason;
      // A refused address is reported as itself: core then shows the client its message.
      throw addressRefusalOf(error) ?? new TypeError('fetch failed', { cause: error });
    }
    deadline?.touch();

    // Read in place, not copied into a new Headers (see parsed-headers.ts).
    const headers = new ParsedHeaders(answer.headers);
    const responseInit = { status: answer.statusCode, statusText: (answer as { statusText?: string }).statusText ?? '', headers };
    if (method === 'HEAD' || nullBodyStatuses.has(answer.statusCode)) {
      deadline?.finish();
      answer.body.dump().catch(() => {});
      return new Response(null, responseInit);
    }
    const contentEncoding = headers.get('content-encoding');
    const answerBody = decoded(answer.body, contentEncoding);
    if (!isBufferable(headers)) return new StreamedResponse(answerBody, deadline, responseInit);
    const bytes = readWhole(answerBody, maxBufferedAnswerBytes, () => answerTooLarge(origin, contentEncoding, maxBufferedAnswerBytes), deadline).catch((error: unknown) => {
      // Closes the upstream connection: nothing more of this answer is read.
      answer.body.destroy();
      if (signal?.aborted) throw signal.reason;
      throw error instanceof GatewayError ? error : new TypeError('terminated', { cause: error });
    });
    return new BufferedResponse(bytes, responseInit);
  };
  return {
    fetch: pooledFetch,
    close: () => {
      deadlines.close();
      return agent.close();
    },
  };
}
