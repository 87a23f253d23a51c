/**
 * One call to one target: build the upstream request through the provider, send it, and turn the
 * answer into an OpenAI-format Answer (answer.ts). Retries and fallbacks wrap this; it makes exactly one call.
 */
import { directTransformOf, GatewayError, invalidRequest } from '@ai-gateway/provider-utils';
import type { JsonObject, ProviderCall, TargetOptions } from '@ai-gateway/spec';
import type { ProviderRegistry } from '../provider/registry.js';
import { ingressStreamError, type GatewayRequest } from '../request/gateway-request.js';
import { createStreamGuard, guardBodyWith } from '../stream/guard-stream.js';
import type { Answer, HeaderRecord } from './answer.js';
import { checkUpstreamPath } from '../security/upstream-path.js';
import type { ProviderSettingsIndex } from '../config/provider-settings-index.js';
import { checkRequiredSettings } from '../config/setting-values.js';
import { bufferedAnswerLimit, nullBodyStatuses } from './answer-limits.js';
import { startCallTimeout } from './call-timeout.js';
import type { DeferredStreamV1, StreamGuard, TimedFetch, UpstreamFetch, UpstreamResponse } from '@ai-gateway/spec';
import { readUpstreamBytes, readUpstreamText } from './read-upstream-body.js';
import { fetchFailure, upstreamError } from './upstream-error.js';
import { isLocalAnswerAdapter } from './local-answer.js';
import { withFields } from '@ai-gateway/provider-utils';
import { upstreamTraceparent } from '../record/trace-context.js';
import { isPromiseLike } from '../promise-like.js';
import { upstreamDraft, type CoreCall } from './call-copies.js';
import { JsonText } from './json-text.js';

export interface CallDependencies {
  fetch: UpstreamFetch;
  /** The runtime's fetch that keeps long timeouts itself (see call-timeout.ts); without one core keeps a timer per call. */
  timedFetch: TimedFetch | undefined;
  providers: ProviderRegistry;
  /** The settings each provider declares, indexed once (config/provider-settings-index.ts). */
  providerSettings: ProviderSettingsIndex;
  /** Vets a custom host under the gateway's policy and returns its base URL (security/custom-host.ts). */
  checkCustomHost: (customHost: string) => string;
  /**
   * The timeout of a call that sets none (no `request_timeout`, no `x-portkey-request-timeout`):
   * the longest wait for the response headers and the longest silence in the body after them.
   */
  upstreamTimeoutMs: number;
  /** Largest upstream body read whole (a translated answer); larger answers are a 502. */
  maxUpstreamBodyBytes: number;
}

/** Upstream response headers that describe the connection or the encoding, not the answer. */
const droppedResponseHeaders = new Set([
  'connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length', 'set-cookie', 'date', 'server',
]);

/**
 * The provider's headers as a plain record with lower-case names. fetch takes a record as it is; a
 * Headers object here would be built, validated and then iterated again (sorted) by the runtime's
 * client on every call. fetch still validates names and values, so nothing unsafe gets through.
 */
function lowerCaseNames(providerHeaders: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in providerHeaders) {
    const value = providerHeaders[name];
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** The upstream's answer headers the client gets, as a record (see answer.ts for why not a Headers). */
function copyResponseHeaders(upstream: Headers): HeaderRecord {
  const headers: HeaderRecord = {};
  upstream.forEach((value, name) => {
    if (!droppedResponseHeaders.has(name)) headers[name] = value;
  });
  return headers;
}


function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Server-sent events are a stream by their content type. A provider with its own stream framing
 * (Bedrock's `application/vnd.amazon.eventstream`) is a stream when the client asked for one and
 * the answer is not JSON: its `transformStream` turns the frames into server-sent events.
 */
function isStreamedAnswer(contentType: string, call: ProviderCall, hasStreamTransform: boolean): boolean {
  if (contentType.includes('text/event-stream')) return true;
  return call.stream && hasStreamTransform && !contentType.includes('json');
}

function joinUrl(base: string, path: string, search: string): string {
  if (!search) return base + path;
  return base + path + (path.includes('?') ? `&${search.slice(1)}` : search);
}

async function transformedBody(body: JsonObject, call: ProviderCall, transform: (body: JsonObject, call: ProviderCall) => unknown): Promise<BodyInit | null> {
  const transformed = await transform(body, call);
  return isPlainObject(transformed) ? JSON.stringify(transformed) : (transformed as BodyInit);
}

/** Passthrough: the client's bytes go as they came, unless override_params changed the body. */
function passthroughBody(request: GatewayRequest, call: ProviderCall): BodyInit | null {
  if (call.body !== request.json) return JSON.stringify(call.body);
  return request.rawBody as BodyInit | null;
}


function timeoutErrorOf(providerId: string, timeoutMs: number, afterFirstByte: boolean, isDefault: boolean): GatewayError {
  const which = isDefault ? "the gateway's upstream timeout" : 'the request timeout';
  return new GatewayError(
    afterFirstByte
      ? `${providerId} sent nothing for ${timeoutMs} ms (${which}); the response was ended.`
      : `${providerId} did not answer within ${which} of ${timeoutMs} ms.`,
    { status: 408, type: 'timeout_error', code: afterFirstByte ? 'stream_idle_timeout' : 'request_timeout' },
  );
}

/**
 * Sends one call. `request_timeout` (or, when none is set, the gateway's upstream timeout) bounds
 * the wait for the response headers and then every silence in the body: a stream that keeps
 * sending may run as long as it likes, one that stops is ended.
 */
export async function callTarget(request: GatewayRequest, target: TargetOptions, dependencies: CallDependencies): Promise<Answer> {
  const provider = dependencies.providers.get(target.provider);
  const adapter = provider.endpoints[request.endpoint];
  if (!adapter) {
    throw invalidRequest(`Provider '${provider.id}' does not support ${request.method} /v1${request.path}.`, null, 'unsupported_endpoint');
  }
  const declared = dependencies.providerSettings.of(provider.id);
  if (declared !== undefined && declared.required.length > 0) checkRequiredSettings(declared, target);

  const body = request.json && target.overrideParams ? withFields(request.json, target.overrideParams) : request.json;
  const call: CoreCall = {
    endpoint: request.endpoint,
    target,
    body,
    stream: body?.stream === true,
    path: request.path,
    search: request.search,
    headers: request.headers,
    fetch: dependencies.fetch,
    chatCounterpart: undefined,
  };
  if (request.record && call.stream) call.reportUsage = request.record.reportUsage;
  const localAnswer = isLocalAnswerAdapter(adapter) ? adapter.answerLocally(call) : undefined;
  if (localAnswer) return localAnswer;

  const baseUrl = target.customHost ? dependencies.checkCustomHost(target.customHost) : provider.baseUrl(target);
  // A path built from the request (a model id, a deployment, a passthrough path) stays below the
  // base URL; a fixed path is the provider's own and needs no check.
  const path = typeof adapter.path === 'function' ? checkUpstreamPath(adapter.path(call)) : adapter.path;
  const url = joinUrl(baseUrl, path, request.search);
  const method = adapter.method ?? request.method;
  // Awaited only when there is something to wait for: each await is a turn of the microtask queue.
  const transform = adapter.transformRequest;
  const upstreamBody = method === 'GET' ? null : transform && call.body ? await transformedBody(call.body, call, transform) : passthroughBody(request, call);

  const providerHeaders = provider.headers(upstreamDraft(call, url, method, upstreamBody));
  const headers = lowerCaseNames(isPromiseLike(providerHeaders) ? await providerHeaders : providerHeaders);
  // A transformed body is JSON text, unless the provider built a Blob or FormData, whose own type
  // (with its multipart boundary) fetch sets; a passthrough body keeps the client's content type.
  if (typeof upstreamBody === 'string' && headers['content-type'] === undefined) {
    headers['content-type'] = adapter.transformRequest || call.body !== request.json ? 'application/json' : (request.contentType ?? 'application/json');
  } else if (upstreamBody === request.rawBody && upstreamBody !== null && headers['content-type'] === undefined) {
    headers['content-type'] = request.contentType ?? 'application/json';
  }
  for (const name of target.forwardHeaders ?? []) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  // Set after the forwarded headers: with tracing on, the call's parent is its own client span,
  // even when the client asked for its `traceparent` to be forwarded.
  const record = request.record;
  if (record?.span) headers.traceparent = upstreamTraceparent(record.span, record.attemptSpanId);

  // Every call has a timeout: an upstream that never answers must not hold the request for good.
  const isDefaultTimeout = target.requestTimeout === undefined;
  const timeoutMs = target.requestTimeout ?? dependencies.upstreamTimeoutMs;
  const timeout = startCallTimeout(timeoutMs, request.signal, dependencies.timedFetch);
  const settle = timeout.settle;
  const timeoutError = (afterFirstByte: boolean) => timeoutErrorOf(provider.id, timeoutMs, afterFirstByte, isDefaultTimeout);

  let upstream: UpstreamResponse;
  try {
    // Redirects are never followed: the custom-host check vets the first URL only, and a redirect
    // could lead the key anywhere. A 3xx reaches upstreamError as it is (a 502 upstream_redirect).
    upstream = timeout.keptBy === 'core'
      ? await dependencies.fetch(url, { method, headers, body: upstreamBody, signal: timeout.signal, redirect: 'manual' })
      : await timeout.fetch(url, { method, headers, body: upstreamBody, signal: timeout.signal, redirect: 'manual', timeout: timeout.timeoutMs });
  } catch (error) {
    settle();
    if (timeout.isTimeout(error)) throw timeoutError(false);
    if (error instanceof GatewayError) throw error;
    throw fetchFailure(provider.id, url, error);
  }

  try {
    if (!upstream.ok) throw await upstreamError(provider, call, upstream);

    const responseHeaders = copyResponseHeaders(upstream.headers);
    const isEventStream = isStreamedAnswer(upstream.headers.get('content-type') ?? '', call, adapter.transformStream !== undefined);
    if (!isEventStream && adapter.transformResponse) {
      let upstreamJson: unknown;
      try {
        upstreamJson = JSON.parse(await readUpstreamText(upstream, dependencies.maxUpstreamBodyBytes, provider.id));
      } catch (error) {
        if (timeout.isTimeout(error)) throw timeoutError(true);
        if (error instanceof GatewayError) throw error;
        throw new GatewayError(`${provider.id} answered with a body that is not valid JSON.`, { status: 502, type: 'upstream_error', code: 'invalid_upstream_response', cause: error });
      }
      settle();
      responseHeaders['content-type'] = 'application/json';
      const transformed = adapter.transformResponse(upstreamJson, call, upstream);
      const answer = isPromiseLike(transformed) ? await transformed : transformed;
      return { status: upstream.status, headers: responseHeaders, body: answer instanceof JsonText ? answer.text : JSON.stringify(answer) };
    }
    // A plain answer of known, modest size is read whole before answering: the runtime then sends
    // it in one write, and a connection that fails mid-body is still a clean error (and can fall
    // back) instead of a cut response. Larger and unsized bodies stream.
    // (`upstream.body` is not consulted here: a runtime may hold the answer as bytes, and asking
    // for its body would make it build a stream around them.)
    const declaredLength = Number(upstream.headers.get('content-length') ?? Number.NaN);
    if (!isEventStream && declaredLength <= bufferedAnswerLimit && !nullBodyStatuses.has(upstream.status)) {
      let bytes: Uint8Array;
      try {
        bytes = await readUpstreamBytes(upstream, dependencies.maxUpstreamBodyBytes, provider.id);
      } catch (error) {
        throw timeout.isTimeout(error) ? timeoutError(true) : error instanceof GatewayError ? error : fetchFailureMidStream(error);
      }
      settle();
      // Bytes as a Uint8Array: a runtime adapter can write them as they are (@hono/node-server does,
      // without building a ReadableStream around them).
      return { status: upstream.status, headers: responseHeaders, body: bytes };
    }
    // (`guardedBody` exists only on answers with a body; asking for `body` may make the runtime build one.)
    if (!upstream.guardedBody && !upstream.transformedBody && !upstream.body) {
      settle();
      return { status: upstream.status, headers: responseHeaders, body: null };
    }

    const transform = isEventStream ? adapter.transformStream : undefined;
    if (isEventStream) {
      responseHeaders['content-type'] = 'text/event-stream; charset=utf-8';
      responseHeaders['cache-control'] = 'no-cache';
    }
    record?.streamStarted(isEventStream);
    const { ingress } = request;
    const guard = createStreamGuard({
      isEventStream,
      observer: record,
      onChunk: timeout.touch,
      describeError: (error) => (timeout.isTimeout(error) ? timeoutError(true) : error instanceof GatewayError ? error : fetchFailureMidStream(error)),
      onEnd: settle,
      errorEvent: ingress && ((error) => ingressStreamError(ingress, error)),
    });
    return { status: upstream.status, headers: responseHeaders, body: guardedBody(upstream, transform?.(call), guard) };
  } catch (error) {
    settle();
    throw error;
  }
}

/**
 * The upstream body through the stream's transform, if any, and the guard: where the runtime reads
 * the body when it can (one Web stream, or none on the way to the client), else in streams of core's.
 */
function guardedBody(upstream: UpstreamResponse, transform: TransformStream<Uint8Array, Uint8Array> | undefined, guard: StreamGuard): ReadableStream<Uint8Array> | DeferredStreamV1 {
  if (!transform) return upstream.guardedBody?.(guard) ?? guardBodyWith(upstream.body as ReadableStream<Uint8Array>, guard);
  const direct = upstream.transformedBody && directTransformOf(transform);
  if (direct) return upstream.transformedBody!(direct, guard);
  return guardBodyWith((upstream.body as ReadableStream<Uint8Array>).pipeThrough(transform), guard);
}

function fetchFailureMidStream(error: unknown): GatewayError {
  return new GatewayError('The upstream connection failed while streaming the response.', { status: 502, type: 'upstream_error', code: 'stream_interrupted', cause: error });
}
