/**
 * Google's Gemini API (AI Studio keys). Chat completions map to `generateContent` and
 * `streamGenerateContent?alt=sse`, embeddings to `batchEmbedContents`; the key travels in
 * `x-goog-api-key`. API reference: https://ai.google.dev/api
 */
import type { ProviderV1 } from '@ai-gateway/spec';
import { toGeminiGenerateContentRequest } from './chat-request.js';
import { fromGeminiGenerateContentResponse } from './chat-response.js';
import { createGeminiChatStream } from './chat-stream.js';
import { geminiEmbedAdapter } from './embeddings.js';
import { transformGeminiError } from './errors.js';
import { modelPath } from './model-path.js';

/** The default base URL, which `x-portkey-custom-host` replaces. */
export const googleBaseUrl = 'https://generativelanguage.googleapis.com/v1beta';

/**
 * The `google` provider.
 *
 * @example
 * ```ts
 * const app = createGateway({ providers: [googleProvider] });
 * // client: x-portkey-provider: google, Authorization: Bearer <Gemini API key>
 * ```
 */
export const googleProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'google',
  name: 'Google Gemini',
  // It reads no settings: any provider-specific field in a google target is a mistake (400).
  settings: [],
  baseUrl: () => googleBaseUrl,
  headers: ({ target }): Record<string, string> => (target.apiKey ? { 'x-goog-api-key': target.apiKey } : {}),
  transformError: transformGeminiError,
  endpoints: {
    chatComplete: {
      path: (call) => `${modelPath(call.body?.model)}:${call.stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      method: 'POST',
      transformRequest: (body, call) => toGeminiGenerateContentRequest(body, { stream: call.stream }),
      transformResponse: (body, call) => fromGeminiGenerateContentResponse(body, String(call.body?.model ?? '')),
      transformStream: createGeminiChatStream,
    },
    embed: geminiEmbedAdapter,
  },
};
