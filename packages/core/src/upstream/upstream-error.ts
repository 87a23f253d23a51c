import { GatewayError } from '@ai-gateway/provider-utils';
import type { ProviderCall, ProviderV1 } from '@ai-gateway/spec';
import { maxUpstreamErrorBodyBytes, readUpstreamText } from './read-upstream-body.js';
import type { UpstreamResponse } from '@ai-gateway/spec';

function isOpenAIErrorBody(body: unknown): body is { error: { message: string; type?: string; code?: string | null; param?: string | null } } {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

/**
 * A non-2xx upstream answer as a GatewayError that keeps the upstream status and message.
 * The provider's `transformError` speaks for its own format; OpenAI-shaped bodies pass as they are.
 */
export async function upstreamError(provider: ProviderV1, call: ProviderCall, upstream: UpstreamResponse): Promise<GatewayError> {
  if (upstream.status >= 300 && upstream.status < 400) {
    upstream.body?.cancel().catch(() => {});
    // Redirects are not followed (they could lead the key past the custom-host check), and a 3xx
    // without its Location would mean nothing to the client: this is a bad gateway answer.
    return new GatewayError(`${provider.id} answered with a redirect (${upstream.status}), which the gateway does not follow; check the custom host.`, {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_redirect',
      source: 'upstream',
      upstreamHeaders: upstream.headers,
    });
  }
  // An error body over the limit is a 502 of its own; one cut off mid-way reads as empty.
  const text = await readUpstreamText(upstream, maxUpstreamErrorBodyBytes, provider.id).catch((error: unknown) => {
    if (error instanceof GatewayError) throw error;
    return '';
  });
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page, plain text): keep the text.
  }
  const details = provider.transformError?.(upstream.status, body, call) ??
    (isOpenAIErrorBody(body)
      ? body.error
      : { message: `${provider.id} answered ${upstream.status}: ${text.slice(0, 500) || upstream.statusText || 'no body'}` });
  return new GatewayError(details.message, {
    status: upstream.status,
    type: details.type ?? undefined,
    code: details.code ?? null,
    param: details.param ?? null,
    source: 'upstream',
    upstreamHeaders: upstream.headers,
  });
}

/** A fetch that never got a response: refused, reset, DNS failure. */
export function fetchFailure(providerId: string, url: string, error: unknown): GatewayError {
  const origin = new URL(url).origin;
  const reason = (error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.message ?? 'unknown error';
  return new GatewayError(`Could not reach ${providerId} at ${origin}: ${reason}.`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_unreachable',
    cause: error,
  });
}
