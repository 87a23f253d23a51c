/**
 * Errors as Anthropic's clients expect them: `{"type": "error", "error": {"type", "message"}}`,
 * for responses and for `event: error` in streams. https://docs.anthropic.com/en/api/errors
 */
import { encodeSSEEvent } from '@ai-gateway/provider-utils';

const anthropicErrorTypes = new Set([
  'invalid_request_error', 'authentication_error', 'billing_error', 'permission_error', 'not_found_error',
  'request_too_large', 'rate_limit_error', 'api_error', 'timeout_error', 'overloaded_error',
]);

/** Anthropic's error type for a status, for errors whose own type is not one of Anthropic's. */
function typeForStatus(status: number | undefined): string {
  switch (status) {
    case 401: return 'authentication_error';
    case 402: return 'billing_error';
    case 403: return 'permission_error';
    case 404: return 'not_found_error';
    case 408:
    case 504: return 'timeout_error';
    case 413: return 'request_too_large';
    case 429: return 'rate_limit_error';
    case 529: return 'overloaded_error';
    default: return status !== undefined && status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

export function anthropicErrorBody(error: { message: string; type?: string; status?: number }) {
  const type = error.type && anthropicErrorTypes.has(error.type) ? error.type : typeForStatus(error.status ?? (error.type ? 500 : undefined));
  return { type: 'error' as const, error: { type, message: error.message } };
}

export function encodeAnthropicStreamError(error: { message: string; type?: string; status?: number }): Uint8Array {
  return encodeSSEEvent('error', anthropicErrorBody(error));
}
