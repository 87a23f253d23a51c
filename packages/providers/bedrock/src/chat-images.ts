/**
 * OpenAI `image_url` parts -> Converse image blocks. Converse takes image bytes only (or S3), so:
 * - `data:image/<png|jpeg|gif|webp>;base64,...` URLs are inlined as they are;
 * - `https://` URLs are fetched by the gateway and inlined, up to `maxImageBytes` (Bedrock's own
 *   per-image limit is 3.75 MB), with a timeout; a failed fetch answers a clear 400;
 * - anything else (plain `http://`, loopback, private or link-local literal addresses) is refused
 *   with a 400, so a request cannot make the gateway read from its own network.
 */
import type { UpstreamFetch, UpstreamResponse } from '@ai-gateway/spec';
import { invalidRequest, joinChunks } from '@ai-gateway/provider-utils';

export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export type ImageBlock = { image: { format: BedrockImageFormat; source: { bytes: string } } };

export interface ImageFetchOptions {
  fetch: UpstreamFetch;
  maxImageBytes: number;
  timeoutMs: number;
}

const formatsByMediaType: Record<string, BedrockImageFormat> = {
  'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp',
};

/** Reads the format from the file's first bytes, which servers get right more often than headers. */
function sniffFormat(bytes: Uint8Array): BedrockImageFormat | undefined {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
  return undefined;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

function isPrivateHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host === 'metadata') return true;
  if (/^(127|10|0)\.\d+\.\d+\.\d+$/.test(host) || /^169\.254\./.test(host) || /^192\.168\./.test(host)) return true;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(host) || /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./.test(host)) return true;
  return host.includes(':') && (host === '::1' || host === '::' || /^(fc|fd|fe[89ab])/.test(host) || host.startsWith('::ffff:'));
}

const imageParam = 'messages[].content[].image_url.url';

async function readLimited(response: UpstreamResponse, maxBytes: number, url: string): Promise<Uint8Array> {
  const tooLarge = () => invalidRequest(`The image at ${url} is larger than ${maxBytes} bytes, the most the gateway inlines for Bedrock.`, imageParam, 'image_too_large');
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return joinChunks(chunks, total);
}

async function fetchImage(url: URL, options: ImageFetchOptions): Promise<ImageBlock> {
  let response: UpstreamResponse;
  try {
    response = await options.fetch(url.href, { method: 'GET', redirect: 'error', signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    throw invalidRequest(`Could not fetch the image at ${url.href} to send it to Bedrock (which accepts image bytes only): ${(error as Error)?.message ?? 'network error'}.`, imageParam, 'image_fetch_failed');
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw invalidRequest(`Could not fetch the image at ${url.href} to send it to Bedrock: it answered ${response.status}.`, imageParam, 'image_fetch_failed');
  }
  const bytes = await readLimited(response, options.maxImageBytes, url.href);
  const mediaType = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
  const format = sniffFormat(bytes) ?? formatsByMediaType[mediaType];
  if (!format) throw invalidRequest(`The image at ${url.href} is not PNG, JPEG, GIF or WebP, the formats Bedrock accepts.`, imageParam, 'unsupported_image_format');
  return { image: { format, source: { bytes: bytesToBase64(bytes) } } };
}

/** One `image_url` part as a Converse image block. */
export async function imageBlock(imageUrl: string, options: ImageFetchOptions): Promise<ImageBlock> {
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(imageUrl);
  if (dataUrl) {
    const format = formatsByMediaType[dataUrl[1].toLowerCase()];
    if (!format) throw invalidRequest(`Bedrock accepts PNG, JPEG, GIF and WebP images, not ${dataUrl[1]}.`, imageParam, 'unsupported_image_format');
    return { image: { format, source: { bytes: dataUrl[2] } } };
  }
  let url: URL;
  try {
    url = new URL(imageUrl);
  } catch {
    throw invalidRequest('An image_url must be an https URL or a base64 data URL.', imageParam, 'invalid_image_url');
  }
  if (url.protocol !== 'https:') throw invalidRequest(`Bedrock image URLs must be https or base64 data URLs, not ${url.protocol}.`, imageParam, 'invalid_image_url');
  if (isPrivateHostname(url.hostname)) throw invalidRequest('Image URLs on loopback, private or link-local addresses are not fetched.', imageParam, 'invalid_image_url');
  return fetchImage(url, options);
}
