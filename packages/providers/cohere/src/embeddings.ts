/**
 * OpenAI embeddings through Cohere's v2 embed endpoint (https://docs.cohere.com/reference/embed).
 * Cohere is always asked for floats; core encodes them as base64 when the client asked for it
 * (the openai SDK does by default).
 */
import type { EndpointAdapterV1, JsonObject } from '@ai-gateway/spec';
import { embeddingsToOpenAI, invalidRequest } from '@ai-gateway/provider-utils';
import type { CohereEmbedResponse } from './cohere-types.js';

/** Cohere requires an input type for v3+ models; documents to be searched are the common case. */
export const defaultInputType = 'search_document';

function texts(input: unknown): string[] {
  const items = Array.isArray(input) ? input : [input];
  if (items.length === 0 || !items.every((item) => typeof item === 'string')) {
    throw invalidRequest('cohere embeds text only: `input` must be a string or an array of strings (not token ids).', 'input', 'unsupported_input');
  }
  return items as string[];
}

export const cohereEmbedAdapter: EndpointAdapterV1 = {
  path: '/embed',
  transformRequest(body: JsonObject) {
    return {
      model: body.model,
      texts: texts(body.input),
      // Not an OpenAI field: a client that knows Cohere can choose (search_query, classification, clustering).
      input_type: body.input_type ?? defaultInputType,
      embedding_types: ['float'],
      ...(body.dimensions !== undefined ? { output_dimension: body.dimensions } : {}),
      ...(body.truncate !== undefined ? { truncate: body.truncate } : {}),
    };
  },
  transformResponse(body: CohereEmbedResponse, call) {
    const vectors = Array.isArray(body.embeddings) ? body.embeddings : (body.embeddings?.float ?? []);
    const inputTokens = body.meta?.billed_units?.input_tokens ?? 0;
    return embeddingsToOpenAI(vectors, {
      model: String(call.body?.model ?? ''),
      encodingFormat: call.body?.encoding_format,
      usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
    });
  },
};
