import { Hono, type Context } from 'hono';
import { endpointRoutes, type Endpoint } from '../endpoints.js';
import { errorResponse, GatewayError, toGatewayError } from '../errors.js';
import type { CallDependencies } from '../pipeline/call-target.js';
import { executeRequest } from '../pipeline/execute-request.js';
import type { ProviderV1 } from '../provider/contract-v1.js';
import { createProviderRegistry } from '../provider/registry.js';
import { parseJsonBody, type GatewayRequest } from '../request/gateway-request.js';
import { headerNames, readRequestOptions } from '../request/portkey-headers.js';
import { readBody } from '../request/read-body.js';
import { newTraceId } from '../trace.js';

export interface GatewayOptions {
  /** Every provider this gateway can route to. */
  providers: readonly ProviderV1[];
  /** The upstream fetch: the runtime's pooled client. Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Largest request body accepted, in bytes; larger ones answer 413. Default 25 MiB. */
  maxBodyBytes?: number;
  /** When set, custom hosts are limited to these hostnames (for shared deployments). */
  customHostAllowlist?: readonly string[];
}

export const defaultMaxBodyBytes = 25 * 1024 * 1024;

/** Endpoints whose body is JSON by definition; others are parsed only when they say they are JSON. */
const jsonEndpoints = new Set<Endpoint>(['chatComplete', 'complete', 'embed', 'imageGenerate', 'createSpeech', 'messages']);

function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && contentType.includes('json');
}

/**
 * Builds the gateway: a Hono app whose `fetch(request, env?, executionContext?)` runs on any
 * runtime. The runtime supplies what differs (the upstream fetch, stores, env); core decides.
 *
 * @example
 * ```ts
 * const app = createGateway({ providers: builtinProviders });
 * export default app; // Cloudflare Workers
 * ```
 */
export function createGateway(options: GatewayOptions): Hono {
  const dependencies: CallDependencies = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    providers: createProviderRegistry(options.providers),
    customHostPolicy: { allowlist: options.customHostAllowlist?.map((host) => host.toLowerCase()) },
  };
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;

  const handle = (endpoint: Endpoint) => async (context: Context): Promise<Response> => {
    const incoming = context.req.raw;
    let traceId = incoming.headers.get(headerNames.traceId) ?? undefined;
    try {
      const requestOptions = readRequestOptions(incoming.headers, newTraceId);
      traceId = requestOptions.traceId;
      const rawBody = incoming.method === 'GET' || incoming.method === 'HEAD' ? null : await readBody(incoming, maxBodyBytes);
      const contentType = incoming.headers.get('content-type');
      const json = jsonEndpoints.has(endpoint) || isJsonContentType(contentType) ? parseJsonBody(rawBody) : null;
      if (jsonEndpoints.has(endpoint) && json === null) {
        throw new GatewayError('This endpoint needs a JSON request body.', { status: 400, code: 'missing_body' });
      }
      const queryStart = incoming.url.indexOf('?');
      const request: GatewayRequest = {
        endpoint,
        method: incoming.method,
        path: context.req.path.slice('/v1'.length),
        search: queryStart === -1 ? '' : incoming.url.slice(queryStart),
        headers: incoming.headers,
        contentType,
        rawBody,
        json,
        stream: json?.stream === true,
        options: requestOptions,
        signal: incoming.signal,
      };
      const result = await executeRequest(request, dependencies);
      const headers = result.response.headers;
      headers.set(headerNames.traceId, requestOptions.traceId);
      headers.set(headerNames.lastUsedOptionIndex, result.optionPath);
      headers.set(headerNames.retryAttemptCount, String(result.retryAttempts));
      return result.response;
    } catch (error) {
      return errorResponse(toGatewayError(error), traceId ? { [headerNames.traceId]: traceId } : undefined);
    }
  };

  const app = new Hono();
  app.get('/', (context) => context.json({ status: 'ok', service: 'ai-gateway' }));
  for (const route of endpointRoutes) app.on(route.method, `/v1${route.path}`, handle(route.endpoint));
  app.post('/v1/messages', handle('messages'));
  app.all('/v1/*', handle('proxy'));
  app.notFound(() => errorResponse(new GatewayError('Not found. The gateway serves the OpenAI API below /v1.', { status: 404, code: 'not_found' })));
  app.onError((error) => errorResponse(toGatewayError(error)));
  return app;
}
