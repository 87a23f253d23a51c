import { invalidRequest } from '@ai-gateway/provider-utils';

/**
 * `/models/{model}` for a Gemini API path. The model is required and escaped, so a model name
 * can never reach another path; a `models/` prefix, as Google writes model names, is accepted.
 */
export function modelPath(model: unknown): string {
  if (typeof model !== 'string' || model.trim() === '') throw invalidRequest('model is required.', 'model', 'missing_model');
  return `/models/${encodeURIComponent(model.replace(/^models\//, ''))}`;
}
