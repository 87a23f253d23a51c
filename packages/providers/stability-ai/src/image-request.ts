/**
 * OpenAI's `POST /v1/images/generations` body as a Stability request: multipart form fields for
 * v2beta (https://platform.stability.ai/docs/api-reference#tag/Generate), JSON for v1 engines
 * (https://platform.stability.ai/docs/api-reference#tag/SDXL-1.0-and-SD1.6/operation/textToImage).
 */
import type { JsonObject } from '@ai-gateway/spec';
import { invalidRequest } from '@ai-gateway/provider-utils';
import { nearestAspectRatio, parseSize } from './image-size.js';
import { stabilityRoute } from './stability-models.js';

/** OpenAI image parameters with no Stability equivalent; they do not change the answer's shape. */
const droppedParameters = new Set(['quality', 'style', 'background', 'moderation', 'user', 'output_compression', 'partial_images']);

/** OpenAI parameters this mapping reads itself. */
const mappedParameters = new Set(['model', 'prompt', 'n', 'size', 'response_format', 'output_format', 'stream']);

function requirePrompt(body: JsonObject): string {
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '') throw invalidRequest('`prompt` is required.', 'prompt');
  return body.prompt;
}

/** Fields OpenAI does not define (negative_prompt, seed, style_preset, cfg_scale, ...) go to Stability as they came. */
function passthroughFields(body: JsonObject): [string, unknown][] {
  return Object.entries(body).filter(([name, value]) => !mappedParameters.has(name) && !droppedParameters.has(name) && value !== undefined && value !== null);
}

/**
 * v2beta: one image per call, as multipart. The form is returned as a Blob whose type carries the
 * boundary, so the provider's headers() can send the matching content-type.
 */
async function v2betaForm(body: JsonObject, model: string | undefined): Promise<Blob> {
  if (typeof body.n === 'number' && body.n > 1) {
    throw invalidRequest('Stability Stable Image services make one image per request: `n` must be 1 (v1 engines such as stable-diffusion-xl-1024-v1-0 take more).', 'n', 'unsupported_parameter');
  }
  const form = new FormData();
  form.append('prompt', requirePrompt(body));
  if (model) form.append('model', model);
  const size = parseSize(body.size);
  // An explicit Stability aspect_ratio (passed through below) says more than a pixel size.
  if (size && body.aspect_ratio === undefined) form.append('aspect_ratio', nearestAspectRatio(size));
  if (typeof body.output_format === 'string') form.append('output_format', body.output_format);
  for (const [name, value] of passthroughFields(body)) form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  return new Response(form).blob();
}

function v1Body(body: JsonObject): JsonObject {
  const request: JsonObject = { text_prompts: [{ text: requirePrompt(body), weight: 1 }] };
  const size = parseSize(body.size);
  if (size) Object.assign(request, size);
  if (typeof body.n === 'number') request.samples = body.n;
  for (const [name, value] of passthroughFields(body)) {
    // v1 has no negative_prompt field: it is a prompt with a negative weight.
    if (name === 'negative_prompt') (request.text_prompts as JsonObject[]).push({ text: value, weight: -1 });
    else request[name] = value;
  }
  return request;
}

export async function toStabilityRequest(body: JsonObject): Promise<JsonObject | Blob> {
  if (body.stream === true) throw invalidRequest('Stability does not stream images: `stream` must be false.', 'stream', 'unsupported_parameter');
  const route = stabilityRoute(body.model);
  return route.api === 'v1' ? v1Body(body) : v2betaForm(body, route.model);
}
