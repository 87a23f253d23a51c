/**
 * Stability's JSON answers as OpenAI's `{ created, data: [{ b64_json }] }`.
 *
 * Stability returns image bytes, not links, and the gateway hosts nothing. So `response_format:
 * "url"` is answered with a `data:` URL of the image (usable in a browser or an `<img>` tag) and
 * anything else, including no response_format, with `b64_json`.
 */
import type { ProviderCall } from '@ai-gateway/spec';
import { GatewayError } from '@ai-gateway/provider-utils';

interface V2betaImage {
  image?: string;
  finish_reason?: string;
  seed?: number;
}

interface V1Artifacts {
  artifacts?: { base64?: string; finishReason?: string; seed?: number }[];
}

const mediaTypes: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

function contentFiltered(): GatewayError {
  // OpenAI answers a moderated image request with a 400 and this code; clients already handle it.
  return new GatewayError('Stability filtered the generated image for content.', { status: 400, type: 'invalid_request_error', code: 'content_policy_violation' });
}

export function toOpenAIImages(body: V2betaImage & V1Artifacts, call: ProviderCall) {
  const images = body.artifacts
    ? body.artifacts.map((artifact) => ({ base64: artifact.base64, finishReason: artifact.finishReason }))
    : [{ base64: body.image, finishReason: body.finish_reason }];
  if (images.some((image) => image.finishReason === 'CONTENT_FILTERED')) throw contentFiltered();
  if (images.some((image) => image.finishReason === 'ERROR' || !image.base64)) {
    throw new GatewayError('Stability answered without an image.', { status: 502, type: 'upstream_error', code: 'invalid_upstream_response' });
  }

  const asUrl = call.body?.response_format === 'url';
  // v1 engines always answer PNG; v2beta follows output_format (PNG by default).
  const mediaType = body.artifacts ? 'image/png' : (mediaTypes[String(call.body?.output_format ?? 'png')] ?? 'image/png');
  return {
    created: Math.floor(Date.now() / 1000),
    data: images.map((image) => (asUrl ? { url: `data:${mediaType};base64,${image.base64}` } : { b64_json: image.base64! })),
  };
}
