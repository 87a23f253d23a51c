/**
 * The refusals of access control, OpenAI-shaped like every gateway error (an ingress format
 * reshapes them for its clients). A refusal that tells the client when to come back carries the
 * headers to send with it (`retry-after`, `x-ratelimit-*`).
 */
import { GatewayError, type GatewayErrorOptions } from '@ai-gateway/provider-utils';

export class AccessRefusal extends GatewayError {
  /** Headers of the error answer. */
  readonly responseHeaders: Record<string, string>;

  constructor(message: string, options: GatewayErrorOptions, responseHeaders: Record<string, string> = {}) {
    super(message, options);
    this.responseHeaders = responseHeaders;
  }
}

/** 401: no key, an unknown one, a revoked or expired one. */
export function keyRefused(message: string, code = 'invalid_api_key'): AccessRefusal {
  return new AccessRefusal(message, { status: 401, type: 'authentication_error', code });
}

/** 403: the key may not use what the request names. */
export function notAllowed(message: string, param: string, code: string): AccessRefusal {
  return new AccessRefusal(message, { status: 403, type: 'permission_error', code, param });
}

/**
 * 503: the store that holds keys and counters did not answer. The request is refused rather
 * than let through unchecked: a limit that a Redis outage lifts is no limit.
 */
export function storeUnavailable(cause: unknown): AccessRefusal {
  return new AccessRefusal('The gateway cannot check keys and limits right now: its access store is unavailable. Try again shortly.', { status: 503, type: 'api_error', code: 'store_unavailable', cause }, { 'retry-after': '1' });
}
