/**
 * Where a model lives on Vertex AI. Gemini models are published by `google`, Claude by
 * `anthropic`; a model is named as Vertex does (`gemini-2.5-flash`, `claude-sonnet-4-5@20250929`)
 * or with Portkey's publisher prefix (`google.gemini-2.5-flash`, `anthropic.claude-...`).
 * Reference: https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest
 */
import type { TargetOptions } from '@ai-gateway/spec';
import { invalidRequest } from '@ai-gateway/provider-utils';
import { vertexProject, vertexRegion } from './settings.js';

export type VertexPublisher = 'google' | 'anthropic';

export interface VertexModel {
  publisher: VertexPublisher;
  /** The model id as Vertex names it, without a publisher prefix. */
  id: string;
}

/** Resolves the client's `model`; throws a 400 when there is none. */
export function vertexModel(model: unknown): VertexModel {
  if (typeof model !== 'string' || model.trim() === '') throw invalidRequest('model is required.', 'model', 'missing_model');
  if (model.startsWith('anthropic.')) return { publisher: 'anthropic', id: model.slice('anthropic.'.length) };
  if (model.startsWith('google.')) return { publisher: 'google', id: model.slice('google.'.length) };
  if (model.startsWith('claude-')) return { publisher: 'anthropic', id: model };
  return { publisher: 'google', id: model };
}

/** `https://{region}-aiplatform.googleapis.com/v1`, or the global endpoint's host for `global`. */
export function vertexBaseUrl(target: TargetOptions): string {
  const region = vertexRegion(target);
  return region === 'global' ? 'https://aiplatform.googleapis.com/v1' : `https://${region}-aiplatform.googleapis.com/v1`;
}

/** `/projects/{project}/locations/{region}/publishers/{publisher}/models/{model}:{method}` */
export function vertexModelPath(target: TargetOptions, model: VertexModel, method: string): string {
  const location = `/projects/${encodeURIComponent(vertexProject(target))}/locations/${vertexRegion(target)}`;
  // `@` separates a Claude model from its version on Vertex and must stay readable.
  const modelId = encodeURIComponent(model.id).replaceAll('%40', '@');
  return `${location}/publishers/${model.publisher}/models/${modelId}:${method}`;
}
