/**
 * Anthropic errors as OpenAI errors. Both the error body of a non-2xx answer and the `error` event
 * of a stream have the shape `{"type": "error", "error": {"type", "message"}}`.
 * https://docs.anthropic.com/en/api/errors
 */
import type { ProviderErrorDetails } from '@ai-gateway/spec';
import { GatewayError } from '@ai-gateway/provider-utils';

/** The HTTP status Anthropic documents for each error type; used for errors that arrive mid-stream. */
const statusByErrorType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

function readError(body: unknown): { type?: string; message?: string } | undefined {
  const error = (body as { error?: unknown } | null)?.error;
  return typeof error === 'object' && error !== null ? (error as { type?: string; message?: string }) : undefined;
}

/**
 * `transformError` for the provider: keeps Anthropic's message and error type (so
 * `overloaded_error` stays recognisable); core keeps the upstream status.
 */
export function fromAnthropicError(_status: number, body: unknown): ProviderErrorDetails | undefined {
  const error = readError(body);
  if (typeof error?.message !== 'string') return undefined;
  return { message: error.message, type: error.type ?? undefined, code: error.type ?? null };
}

/** An `error` event inside a 2xx stream, as the GatewayError that ends the client's stream. */
export function streamErrorFromAnthropic(data: unknown): GatewayError {
  const error = readError(data);
  const type = typeof error?.type === 'string' ? error.type : 'api_error';
  const message = typeof error?.message === 'string' ? error.message : 'Anthropic reported an error while streaming.';
  return new GatewayError(message, { status: statusByErrorType[type] ?? 500, type, code: type });
}
