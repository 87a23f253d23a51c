/**
 * Cohere's v2 API behind OpenAI's chat completions and embeddings.
 * API reference: https://docs.cohere.com/reference/about
 */
import type { ProviderV1 } from '@ai-gateway/spec';
import { toCohereChatRequest } from './chat-request.js';
import { toOpenAIChatCompletion } from './chat-response.js';
import { createCohereChatStream } from './chat-stream.js';
import { transformCohereError } from './cohere-error.js';
import { cohereEmbedAdapter } from './embeddings.js';

/**
 * The `cohere` provider: `POST /v1/chat/completions` (streaming too) and `POST /v1/embeddings`.
 *
 * @example
 * ```ts
 * // x-portkey-provider: cohere
 * // Authorization: Bearer <cohere api key>
 * await openai.chat.completions.create({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] });
 * ```
 */
export const cohereProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'cohere',
  name: 'Cohere',
  // It reads no settings: any provider-specific field in a cohere target is a mistake (400).
  settings: [],
  baseUrl: () => 'https://api.cohere.com/v2',
  headers({ target }): Record<string, string> {
    // No accept header: Cohere picks JSON or server-sent events from the body's `stream` flag.
    return target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {};
  },
  transformError: transformCohereError,
  endpoints: {
    chatComplete: {
      path: '/chat',
      transformRequest: toCohereChatRequest,
      transformResponse: toOpenAIChatCompletion,
      transformStream: createCohereChatStream,
    },
    embed: cohereEmbedAdapter,
  },
};
