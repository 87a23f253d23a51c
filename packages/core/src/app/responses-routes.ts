/**
 * The Responses API's routes beside `POST /v1/responses` (which runs as a client format): compaction,
 * which only a provider with its own Responses API serves, and the stored responses (retrieve,
 * delete, input items), answered from the gateway's store or passed to the native provider the
 * request names.
 */
import type { Context, Hono } from 'hono';
import { GatewayError, toGatewayError } from '@ai-gateway/provider-utils';
import type { IngressFormatV1 } from '@ai-gateway/spec';
import { providersOfConfig } from '../access/request-facts.js';
import { ingressErrorResponse } from '../ingress/ingress-response.js';
import { includesEncryptedReasoning } from '../ingress/openai-responses/thinking-blocks.js';
import { headerNames, readRequestOptions, type RequestOptions } from '../request/portkey-headers.js';
import { callerCredential, inputItemsPage, responseNotFound, withoutSealedReasoning, type StoredResponses } from '../responses/stored-responses.js';
import { newTraceId } from '../trace.js';
import type { RequestDependencies } from './execute-request.js';
import { conversationOwner, type RequestKeys } from './request-keys.js';

export interface ResponsesRoutes {
  format: IngressFormatV1;
  /** The passthrough route, for ids and requests that are the native provider's. */
  proxy: (context: Context) => Promise<Response>;
  keys: RequestKeys;
  /** The gateway's stored responses; undefined when it keeps none. */
  storedResponses: StoredResponses | undefined;
  dependencies: RequestDependencies;
}

export function addResponsesRoutes(app: Hono, { format, proxy, keys, storedResponses, dependencies }: ResponsesRoutes): void {
  /** Whether the request names (x-portkey-provider or a config) a provider with its own Responses API. */
  const namesNativeResponsesProvider = (requestOptions: RequestOptions): boolean => {
    const config = requestOptions.config ?? (requestOptions.configName ? dependencies.serverConfig().configs[requestOptions.configName] : undefined);
    const named = config ? providersOfConfig(config) : requestOptions.provider ? [requestOptions.provider] : [];
    return named.some((provider) => dependencies.providers.has(provider) && dependencies.providers.get(provider).endpoints.responses !== undefined);
  };
  // Compaction has no counterpart in chat: only a provider with its own Responses API serves it.
  app.post('/v1/responses/compact', async (context) => {
    try {
      const requestOptions = readRequestOptions(context.req.raw.headers, newTraceId, dependencies.providerSettings);
      if (namesNativeResponsesProvider(requestOptions)) return proxy(context);
      const natives = dependencies.providers.list().filter((provider) => provider.endpoints.responses).map((provider) => provider.id);
      throw new GatewayError(
        `/v1/responses/compact is served only by providers with their own Responses API (${natives.join(', ')}); this request's provider is reached through chat translation, which has nothing like it.`,
        { status: 400, code: 'unsupported_endpoint', param: 'x-portkey-provider' },
      );
    } catch (error) {
      return ingressErrorResponse(format, toGatewayError(error), {});
    }
  });
  if (storedResponses) {
    // An id the gateway holds answers from the store; any other id is the native provider's the
    // request names (x-portkey-provider or a config), else unknown.
    const storedRoute = (answer: (id: string, credential: string, context: Context) => Promise<Response | undefined>) => async (context: Context): Promise<Response> => {
      const headers = context.req.raw.headers;
      try {
        const grant = await keys.grantOf(headers);
        const requestOptions = readRequestOptions(headers, newTraceId, dependencies.providerSettings);
        keys.takeProviderKey(requestOptions, grant, format.apiKey?.(headers));
        const id = context.req.param('id') ?? '';
        const answered = await answer(id, callerCredential(conversationOwner(requestOptions, grant), headers.get(headerNames.config), requestOptions.settings), context);
        if (answered) return answered;
        if (namesNativeResponsesProvider(requestOptions)) return proxy(context);
        throw responseNotFound(id);
      } catch (error) {
        return ingressErrorResponse(format, toGatewayError(error), {});
      }
    };
    /** `include` of a retrieve request's query: `include[]=…` as the openai SDK writes it, or `include=…`. */
    const includeOf = (context: Context) => {
      const query = new URL(context.req.url).searchParams;
      return { include: [...query.getAll('include'), ...query.getAll('include[]')] };
    };
    app.get('/v1/responses/:id', storedRoute(async (id, credential, context) => {
      const stored = await storedResponses.find(id, credential);
      return stored && Response.json(includesEncryptedReasoning(includeOf(context)) ? stored.response : withoutSealedReasoning(stored.response));
    }));
    app.delete('/v1/responses/:id', storedRoute(async (id, credential) => {
      const deleted = await storedResponses.remove(id, credential);
      return deleted ? Response.json({ id, object: 'response', deleted: true }) : undefined;
    }));
    app.get('/v1/responses/:id/input_items', storedRoute(async (id, credential, context) => {
      const stored = await storedResponses.find(id, credential);
      return stored && Response.json(inputItemsPage(stored, new URL(context.req.url).searchParams));
    }));
  }
}
