/**
 * Reading an upstream body whole, within a limit. An upstream (or a custom host a client chose) can
 * answer with any amount of data, and a compressed answer can decode to a thousand times its
 * declared length: without a limit one answer can take all of the process's memory.
 */
import { GatewayError } from '@ai-gateway/provider-utils';
import { readWithin } from '../read-within.js';
import type { UpstreamResponse } from '@ai-gateway/spec';

/** Largest upstream body read whole: a translated provider's answer, or a buffered plain one. */
export const defaultMaxUpstreamBodyBytes = 64 * 1024 * 1024;

/** Largest upstream error body read; an error's message is in its first few hundred bytes. */
export const maxUpstreamErrorBodyBytes = 1024 * 1024;

export function upstreamBodyTooLarge(providerId: string, limit: number): GatewayError {
  return new GatewayError(`${providerId} answered with a body larger than this gateway's limit of ${limit} bytes; it was not read.`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_body_too_large',
  });
}

/**
 * The whole body, or a 502 as soon as it passes `limit` (the rest is not read, and the connection
 * is released). A body of declared length within the limit and no content encoding is taken in
 * one piece (through `bytes()` where the runtime has it, which need not copy); anything else is
 * counted as it arrives, since a runtime's fetch may decode a compressed body on the way.
 */
export async function readUpstreamBytes(upstream: UpstreamResponse, limit: number, providerId: string): Promise<Uint8Array> {
  const headers = upstream.headers;
  const declaredLength = Number(headers.get('content-length') ?? Number.NaN);
  if (declaredLength > limit) {
    upstream.body?.cancel().catch(() => {});
    throw upstreamBodyTooLarge(providerId, limit);
  }
  if (declaredLength <= limit && headers.get('content-encoding') === null) {
    return upstream.bytes ? upstream.bytes() : new Uint8Array(await upstream.arrayBuffer());
  }
  if (!upstream.body) return new Uint8Array(0);
  const body = await readWithin(upstream.body, limit);
  if (body === undefined) throw upstreamBodyTooLarge(providerId, limit);
  return body;
}

const decoder = new TextDecoder();

/** The body as text, within `limit` (see readUpstreamBytes). */
export async function readUpstreamText(upstream: UpstreamResponse, limit: number, providerId: string): Promise<string> {
  return decoder.decode(await readUpstreamBytes(upstream, limit, providerId));
}
