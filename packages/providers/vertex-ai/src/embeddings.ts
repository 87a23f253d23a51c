/**
 * OpenAI embeddings <-> Vertex AI text embeddings (`:predict`).
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 */
import type { JsonObject } from '@ai-gateway/spec';
import { embeddingsToOpenAI } from '@ai-gateway/provider-utils';
import { embeddingInputs } from '@ai-gateway/provider-google';

interface VertexEmbeddingPrediction {
  embeddings?: { values?: number[]; statistics?: { token_count?: number } };
}

/** `input` -> `instances[].content`; `dimensions` -> `parameters.outputDimensionality`; `task_type` per instance. */
export function toVertexEmbeddingRequest(body: JsonObject): JsonObject {
  const instances = embeddingInputs(body.input).map((content) => ({ content, ...(body.task_type !== undefined ? { task_type: body.task_type } : {}) }));
  return { instances, ...(body.dimensions !== undefined ? { parameters: { outputDimensionality: body.dimensions } } : {}) };
}

/** Vertex counts tokens per input: their sum is the usage. */
export function fromVertexEmbeddingResponse(body: { predictions?: VertexEmbeddingPrediction[] }, model: string, encodingFormat: unknown) {
  const predictions = body.predictions ?? [];
  const tokens = predictions.reduce((sum, prediction) => sum + (prediction.embeddings?.statistics?.token_count ?? 0), 0);
  return embeddingsToOpenAI(predictions.map((prediction) => prediction.embeddings?.values ?? []), {
    model,
    encodingFormat,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
