/**
 * Nomic's text embedding endpoint takes `texts` instead of `input` and answers a bare
 * `embeddings` array. API reference: https://docs.nomic.ai/reference/endpoints/nomic-embed-text
 */
import type { EndpointAdapterV1, JsonObject, ProviderSettingV1 } from '@ai-gateway/spec';
import { embeddingsToOpenAI } from '@ai-gateway/provider-utils';

/** The one setting the adapter reads: Nomic's `task_type`. */
export const nomicTaskTypeSetting: ProviderSettingV1 = {
  name: 'nomic_task_type',
  type: 'string',
  description: "Nomic's task_type: search_document (default), search_query, clustering or classification",
};

interface NomicEmbedResponse {
  embeddings: number[][];
  usage?: { prompt_tokens?: number; total_tokens?: number };
  model?: string;
}

export const nomicEmbedAdapter: EndpointAdapterV1 = {
  path: '/embedding/text',
  transformRequest(body: JsonObject, call) {
    const input = body.input;
    return {
      model: body.model,
      texts: Array.isArray(input) ? input : [input],
      task_type: call.target.settings.nomic_task_type ?? 'search_document',
      ...(body.dimensions ? { dimensionality: body.dimensions } : {}),
    };
  },
  transformResponse(body: NomicEmbedResponse, call) {
    const totalTokens = body.usage?.total_tokens ?? body.usage?.prompt_tokens ?? 0;
    return embeddingsToOpenAI(body.embeddings, {
      model: String(call.body?.model ?? body.model ?? ''),
      encodingFormat: call.body?.encoding_format,
      usage: { prompt_tokens: totalTokens, total_tokens: totalTokens },
    });
  },
};
