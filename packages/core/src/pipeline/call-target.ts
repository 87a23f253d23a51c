/**
 * One call to one target: build the upstream request through the provider, send it, and turn the
 * answer into an OpenAI-format Response. Retries and fallbacks wrap this; it makes exactly one call.
 */
import { GatewayError, invalidRequest } from '../errors.js';
import type { JsonObject, ProviderCall, TargetOptions } from '../provider/contract-v1.js';
import type { ProviderRegistry } from '../provider/registry.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import { checkCustomHost, type CustomHostPolicy } from '../security/custom-host.js';
import { guardStream } from '../stream/guard-stream.js';
import { fetchFailure, upstreamError } from './upstream-error.js';

export interface CallDependencies {
  fetch: typeof fetch;
  providers: ProviderRegistry;
  customHostPolicy: CustomHostPolicy;
}

/** Upstream response headers that describe the connection or the encoding, not the answer. */
const droppedResponseHeaders = new Set([
  'connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length', 'set-cookie', 'date', 'server',
]);

function copyResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  upstream.forEach((value, name) => {
    if (!droppedResponseHeaders.has(name)) headers.set(name, value);
  });
  return headers;
}

function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function joinUrl(base: string, path: string, search: string): string {
  if (!search) return base + path;
  return base + path + (path.includes('?') ? `&${search.slice(1)}` : search);
}

async function buildUpstreamBody(request: GatewayRequest, call: ProviderCall, transform: ((body: JsonObject, call: ProviderCall) => unknown) | undefined): Promise<BodyInit | null> {
  if (transform && call.body) {
    const transformed = await transform(call.body, call);
    return isPlainObject(transformed) ? JSON.stringify(transformed) : (transformed as BodyInit);
  }
  // Passthrough: the client's bytes go as they came, unless override_params changed the body.
  if (call.body !== request.json) return JSON.stringify(call.body);
  return request.rawBody as BodyInit | null;
}


export async function callTarget(request: GatewayRequest, target: TargetOptions, dependencies: CallDependencies, signal: AbortSignal, idleTimeout?: number): Promise<Response> {
  const provider = dependencies.providers.get(target.provider);
  const adapter = provider.endpoints[request.endpoint];
  if (!adapter) {
    throw invalidRequest(`Provider '${provider.id}' does not support ${request.method} /v1${request.path}.`, null, 'unsupported_endpoint');
  }

  const body = request.json && target.overrideParams ? { ...request.json, ...target.overrideParams } : request.json;
  const call: ProviderCall = {
    endpoint: request.endpoint,
    target,
    body,
    stream: body?.stream === true,
    path: request.path,
    search: request.search,
    headers: request.headers,
    fetch: dependencies.fetch,
  };

  const baseUrl = target.customHost ? checkCustomHost(target.customHost, dependencies.customHostPolicy) : provider.baseUrl(target);
  const path = typeof adapter.path === 'function' ? adapter.path(call) : adapter.path;
  const url = joinUrl(baseUrl, path, request.search);
  const method = adapter.method ?? request.method;
  const upstreamBody = method === 'GET' ? null : await buildUpstreamBody(request, call, adapter.transformRequest);

  const headers = new Headers(await provider.headers({ ...call, url, method, upstreamBody }));
  if (upstreamBody !== null && !headers.has('content-type')) {
    headers.set('content-type', adapter.transformRequest || call.body !== request.json ? 'application/json' : (request.contentType ?? 'application/json'));
  }
  for (const name of target.forwardHeaders ?? []) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }

  let upstream: Response;
  try {
    upstream = await dependencies.fetch(url, { method, headers, body: upstreamBody, signal });
  } catch (error) {
    throw fetchFailure(provider.id, url, error, signal.aborted && (signal.reason as Error)?.name === 'TimeoutError');
  }

  if (!upstream.ok) throw await upstreamError(provider, call, upstream);

  const responseHeaders = copyResponseHeaders(upstream.headers);
  const isEventStream = upstream.headers.get('content-type')?.includes('text/event-stream') ?? false;
  if (isEventStream && upstream.body) {
    const stream = adapter.transformStream ? upstream.body.pipeThrough(adapter.transformStream(call)) : upstream.body;
    responseHeaders.set('content-type', 'text/event-stream; charset=utf-8');
    responseHeaders.set('cache-control', 'no-cache');
    return new Response(guardStream(stream, { isEventStream: true, idleTimeout }), { status: upstream.status, headers: responseHeaders });
  }
  if (adapter.transformResponse) {
    let upstreamJson: unknown;
    try {
      upstreamJson = await upstream.json();
    } catch (error) {
      throw new GatewayError(`${provider.id} answered with a body that is not valid JSON.`, { status: 502, type: 'upstream_error', code: 'invalid_upstream_response', cause: error });
    }
    responseHeaders.set('content-type', 'application/json');
    return new Response(JSON.stringify(adapter.transformResponse(upstreamJson, call, upstream)), { status: upstream.status, headers: responseHeaders });
  }
  const passthroughBody = upstream.body ? guardStream(upstream.body, { isEventStream: false, idleTimeout }) : null;
  return new Response(passthroughBody, { status: upstream.status, headers: responseHeaders });
}
