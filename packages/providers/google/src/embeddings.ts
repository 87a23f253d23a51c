/**
 * OpenAI embeddings <-> Gemini `batchEmbedContents`, which serves one input or many alike.
 * Reference: https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 */
import type { EndpointAdapterV1, JsonObject } from '@ai-gateway/spec';
import { embeddingsToOpenAI, invalidRequest } from '@ai-gateway/provider-utils';
import { modelPath } from './model-path.js';

interface GeminiBatchEmbedResponse {
  embeddings?: { values: number[] }[];
}

/**
 * The client's `input` as a list of texts. Gemini embeds text only: token arrays (which OpenAI
 * also accepts) are rejected rather than guessed at.
 */
export function embeddingInputs(input: unknown): string[] {
  const inputs = Array.isArray(input) ? input : [input];
  if (inputs.length === 0 || inputs.some((item) => typeof item !== 'string')) {
    throw invalidRequest('input must be a string or an array of strings for Gemini embeddings.', 'input', 'unsupported_parameter');
  }
  return inputs as string[];
}

/** Maps the body; `dimensions` -> `outputDimensionality`, Portkey's `task_type` -> `taskType`. */
export function toGeminiBatchEmbedRequest(body: JsonObject): JsonObject {
  const model = `models/${String(body.model ?? '').replace(/^models\//, '')}`;
  return {
    requests: embeddingInputs(body.input).map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(body.task_type !== undefined ? { taskType: body.task_type } : {}),
      ...(body.dimensions !== undefined ? { outputDimensionality: body.dimensions } : {}),
    })),
  };
}

/** The `embed` endpoint of the google provider. Gemini reports no token counts for embeddings: usage is 0. */
export const geminiEmbedAdapter: EndpointAdapterV1 = {
  path: (call) => `${modelPath(call.body?.model)}:batchEmbedContents`,
  method: 'POST',
  transformRequest: (body) => toGeminiBatchEmbedRequest(body),
  transformResponse(body: GeminiBatchEmbedResponse, call) {
    return embeddingsToOpenAI((body.embeddings ?? []).map((embedding) => embedding.values), {
      model: String(call.body?.model ?? ''),
      encodingFormat: call.body?.encoding_format,
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
  },
};
