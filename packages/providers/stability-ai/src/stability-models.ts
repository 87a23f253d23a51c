/**
 * Which Stability API a model name calls. The current API is v2beta Stable Image
 * (https://platform.stability.ai/docs/api-reference#tag/Generate): one endpoint per service, the
 * SD3 one taking the model as a form field. Older SDXL/SD 1.6 engines live on the v1 generation API.
 */
import { encodePathSegment } from '@ai-gateway/provider-utils';

export type StabilityRoute =
  | { api: 'v2beta'; path: string; model?: string }
  | { api: 'v1'; path: string };

/** Used when the request names no model: the fast, general-purpose service. */
export const defaultStabilityModel = 'core';

const v2betaServices: Record<string, string> = {
  core: 'core',
  'stable-image-core': 'core',
  ultra: 'ultra',
  'stable-image-ultra': 'ultra',
  sd3: 'sd3',
};

export function stabilityRoute(model: unknown): StabilityRoute {
  const name = typeof model === 'string' && model.trim() !== '' ? model.trim() : defaultStabilityModel;
  const service = v2betaServices[name];
  if (service) return { api: 'v2beta', path: `/v2beta/stable-image/generate/${service}` };
  // sd3.5-large, sd3.5-large-turbo, sd3.5-medium, sd3.5-flash, ...: the SD3 service picks by `model`.
  if (name.startsWith('sd3')) return { api: 'v2beta', path: '/v2beta/stable-image/generate/sd3', model: name };
  // stable-diffusion-xl-1024-v1-0, stable-diffusion-v1-6: v1 engines.
  if (name.startsWith('stable-diffusion-')) return { api: 'v1', path: `/v1/generation/${encodePathSegment(name, 'model')}/text-to-image` };
  // A service added after this was written: Stability answers 404 if it does not exist.
  return { api: 'v2beta', path: `/v2beta/stable-image/generate/${encodePathSegment(name, 'model')}` };
}
