/**
 * Stability AI image generation behind OpenAI's `POST /v1/images/generations`.
 * API reference: https://platform.stability.ai/docs/api-reference
 */
import type { ProviderV1 } from '@ai-gateway/spec';
import { stringSetting } from '@ai-gateway/provider-utils';
import { toStabilityRequest } from './image-request.js';
import { toOpenAIImages } from './image-response.js';
import { transformStabilityError } from './stability-error.js';
import { stabilityRoute } from './stability-models.js';

/** Stability's optional client-identification headers, from `x-portkey-stability-client-*` or config fields. */
const clientHeaders: Record<string, string> = {
  stability_client_id: 'stability-client-id',
  stability_client_user_id: 'stability-client-user-id',
  stability_client_version: 'stability-client-version',
};

/**
 * The `stability-ai` provider. The model picks the service: `core` (default), `ultra`,
 * `sd3.5-large` and other SD3 models, or a v1 engine such as `stable-diffusion-xl-1024-v1-0`.
 *
 * @example
 * ```ts
 * // x-portkey-provider: stability-ai, Authorization: Bearer <stability key>
 * const image = await openai.images.generate({ model: 'ultra', prompt: 'a lighthouse at dusk', size: '1792x1024' });
 * image.data[0].b64_json; // PNG, base64
 * ```
 */
export const stabilityAIProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'stability-ai',
  name: 'Stability AI',
  settings: Object.entries(clientHeaders).map(([name, header]) => ({ name, type: 'string' as const, description: `sent as the ${header} header` })),
  // No version segment: v2beta and v1 paths both live below the host.
  baseUrl: () => 'https://api.stability.ai',
  headers({ target, upstreamBody }): Record<string, string> {
    // JSON answers (base64 images) rather than raw image bytes, from both API generations.
    const headers: Record<string, string> = { accept: 'application/json' };
    if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
    // The multipart form's type names its boundary; core would otherwise label a transformed body JSON.
    if (upstreamBody instanceof Blob && upstreamBody.type) headers['content-type'] = upstreamBody.type;
    for (const [setting, header] of Object.entries(clientHeaders)) {
      const value = stringSetting(target, setting);
      if (value !== undefined) headers[header] = value;
    }
    return headers;
  },
  transformError: transformStabilityError,
  endpoints: {
    imageGenerate: {
      path: (call) => stabilityRoute(call.body?.model).path,
      method: 'POST',
      transformRequest: toStabilityRequest,
      transformResponse: toOpenAIImages,
    },
  },
};
