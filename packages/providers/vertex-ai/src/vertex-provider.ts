/**
 * Vertex AI: Gemini (`generateContent`, `streamGenerateContent?alt=sse`), Claude (`rawPredict`,
 * `streamRawPredict`) and text embeddings (`predict`), under one OpenAI API. The Gemini and Claude
 * mappings are the google and anthropic providers' own.
 *
 * Credentials, in this order: a service account key (`x-portkey-vertex-service-account-json`),
 * exchanged for an access token and cached; or a ready access token as the request's key
 * (`Authorization: Bearer <token>`). Project and region come from `x-portkey-vertex-project-id`
 * and `x-portkey-vertex-region` (or config fields `vertex_project_id`, `vertex_region`).
 * API reference: https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest
 */
import type { EndpointAdapterV1, ProviderCall, ProviderV1 } from '@ai-gateway/spec';
import { GatewayError } from '@ai-gateway/provider-utils';
import { createAnthropicChatStream, fromAnthropicMessagesResponse } from '@ai-gateway/provider-anthropic';
import { createGeminiChatStream, fromGeminiGenerateContentResponse, toGeminiGenerateContentRequest } from '@ai-gateway/provider-google';
import { createAccessTokenCache, type AccessTokenCache } from './access-token.js';
import { toVertexAnthropicRequest } from './anthropic-on-vertex.js';
import { vertexCountTokensAdapter, vertexMessagesAdapter } from './anthropic-messages-on-vertex.js';
import { fromVertexEmbeddingResponse, toVertexEmbeddingRequest } from './embeddings.js';
import { transformVertexError } from './errors.js';
import { serviceAccountSetting, vertexSettings } from './settings.js';
import { vertexBaseUrl, vertexModel, vertexModelPath } from './vertex-model.js';

export interface VertexAIProviderOptions {
  /** Where service account tokens are kept; a fresh in-memory cache by default. */
  tokenCache?: AccessTokenCache;
}

const modelOf = (call: ProviderCall) => vertexModel(call.body?.model);

const chatAdapter: EndpointAdapterV1 = {
  path(call) {
    const model = modelOf(call);
    const method = model.publisher === 'anthropic'
      ? (call.stream ? 'streamRawPredict' : 'rawPredict')
      : (call.stream ? 'streamGenerateContent?alt=sse' : 'generateContent');
    return vertexModelPath(call.target, model, method);
  },
  method: 'POST',
  transformRequest(body, call) {
    return modelOf(call).publisher === 'anthropic' ? toVertexAnthropicRequest(body, call.target.settings) : toGeminiGenerateContentRequest(body, { stream: call.stream });
  },
  transformResponse(body, call) {
    return modelOf(call).publisher === 'anthropic' ? fromAnthropicMessagesResponse(body) : fromGeminiGenerateContentResponse(body, String(call.body?.model ?? ''));
  },
  transformStream(call) {
    return modelOf(call).publisher === 'anthropic' ? createAnthropicChatStream(call) : createGeminiChatStream(call);
  },
};

const embedAdapter: EndpointAdapterV1 = {
  path: (call) => vertexModelPath(call.target, modelOf(call), 'predict'),
  method: 'POST',
  transformRequest: (body) => toVertexEmbeddingRequest(body),
  transformResponse: (body, call) => fromVertexEmbeddingResponse(body, String(call.body?.model ?? ''), call.body?.encoding_format),
};

/**
 * Makes a `vertex-ai` provider with its own token cache.
 *
 * @example
 * ```ts
 * const app = createGateway({ providers: [createVertexAIProvider()] });
 * // client headers: x-portkey-provider: vertex-ai, x-portkey-vertex-project-id: my-project,
 * //   x-portkey-vertex-region: us-central1, and Authorization: Bearer <access token>
 * //   or x-portkey-vertex-service-account-json: <key file JSON>
 * ```
 */
export function createVertexAIProvider(options: VertexAIProviderOptions = {}): ProviderV1 {
  const tokenCache = options.tokenCache ?? createAccessTokenCache();
  return {
    specificationVersion: 'v1',
    id: 'vertex-ai',
    name: 'Google Vertex AI',
    settings: vertexSettings,
    baseUrl: vertexBaseUrl,
    async headers(draft) {
      const account = serviceAccountSetting(draft.target);
      const token = account ? await tokenCache.get(account, draft.fetch) : draft.target.apiKey;
      if (!token) {
        throw new GatewayError('Vertex AI needs credentials: send an access token as Authorization: Bearer <token>, or a service account key in the x-portkey-vertex-service-account-json header (config field `vertex_service_account_json`).', {
          status: 401, type: 'authentication_error', code: 'missing_credentials',
        });
      }
      return { authorization: `Bearer ${token}` };
    },
    transformError: transformVertexError,
    endpoints: { chatComplete: chatAdapter, embed: embedAdapter, messages: vertexMessagesAdapter, countTokens: vertexCountTokensAdapter },
  };
}

/** The `vertex-ai` provider, with a process-wide token cache. */
export const vertexAIProvider: ProviderV1 = createVertexAIProvider();
