/**
 * Anthropic's Messages API. OpenAI-format chat is translated both ways (streaming included);
 * Anthropic-format clients of `/v1/messages` and any other `/v1/*` path pass through as bytes.
 * API reference: https://docs.anthropic.com/en/api/messages
 */
import type { ProviderV1, } from '@ai-gateway/spec';
import { stringSetting } from '@ai-gateway/provider-utils';
import { toAnthropicMessagesRequest } from './chat-request.js';
import { fromAnthropicMessagesResponse } from './chat-response.js';
import { createAnthropicChatStream } from './chat-stream.js';
import { fromAnthropicError } from './errors.js';
import { fromAnthropicModelList } from './models.js';

/** The API version this package's translation follows; `anthropic_version` overrides it. */
export const anthropicVersion = '2023-06-01';

/**
 * The `anthropic` provider.
 *
 * Settings (config fields, or `x-portkey-*` headers): `anthropic_version` (default `2023-06-01`)
 * and `anthropic_beta` (comma-separated beta names). A client that speaks Anthropic's API itself
 * sends `anthropic-version` / `anthropic-beta` headers; those are kept when no setting overrides them.
 */
export const anthropicProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'anthropic',
  name: 'Anthropic',
  settings: [
    { name: 'anthropic_version', type: 'string', description: `the anthropic-version header; default ${anthropicVersion}, or the client's own anthropic-version` },
    { name: 'anthropic_beta', type: 'string', description: "comma-separated beta names, sent as anthropic-beta; default: the client's own anthropic-beta" },
  ],
  baseUrl: () => 'https://api.anthropic.com/v1',
  headers(draft) {
    const headers: Record<string, string> = {
      'anthropic-version': stringSetting(draft.target, 'anthropic_version') ?? draft.headers.get('anthropic-version') ?? anthropicVersion,
    };
    if (draft.target.apiKey) headers['x-api-key'] = draft.target.apiKey;
    const beta = stringSetting(draft.target, 'anthropic_beta') ?? draft.headers.get('anthropic-beta');
    if (beta) headers['anthropic-beta'] = beta;
    return headers;
  },
  transformError: (status, body) => fromAnthropicError(status, body),
  endpoints: {
    chatComplete: {
      path: '/messages',
      transformRequest: (body) => toAnthropicMessagesRequest(body) as unknown as Record<string, unknown>,
      transformResponse: (body) => fromAnthropicMessagesResponse(body),
      transformStream: (call) => createAnthropicChatStream(call),
    },
    // Anthropic's own format: no transform, so the client's bytes and Anthropic's answer pass untouched.
    messages: { path: '/messages' },
    // Token counting takes the Messages body as it is: https://docs.anthropic.com/en/api/messages-count-tokens
    countTokens: { path: '/messages/count_tokens' },
    listModels: { path: '/models', transformResponse: (body) => fromAnthropicModelList(body) },
    proxy: { path: (call) => call.path },
  },
};
