/**
 * Google's error body -> an OpenAI error. The HTTP status is kept by core; the message is
 * Google's own, and its canonical status name (`INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, ...)
 * becomes the `code`. Reference: https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
import type { ProviderErrorDetails } from '@ai-gateway/spec';
import { GatewayError } from '@ai-gateway/provider-utils';
import type { GeminiErrorBody } from './gemini-types.js';

function errorObject(body: unknown): GeminiErrorBody['error'] | undefined {
  // Some Google endpoints wrap the error in a one-element array.
  const candidate = Array.isArray(body) ? body[0] : body;
  const error = (candidate as Partial<GeminiErrorBody> | null)?.error;
  return typeof error === 'object' && error !== null ? error : undefined;
}

/** For `ProviderV1.transformError`: undefined when the body is not Google's shape (core then wraps the text). */
export function transformGeminiError(_status: number, body: unknown): ProviderErrorDetails | undefined {
  const error = errorObject(body);
  if (!error || typeof error.message !== 'string') return undefined;
  return { message: error.message, code: error.status ?? null, param: null };
}

/**
 * An `{"error": ...}` object met inside a 2xx event stream, as a GatewayError for the chunk
 * writer to send as the stream's last event. Its status is Google's `code` when it is an HTTP one.
 */
export function geminiStreamError(body: unknown): GatewayError | undefined {
  const error = errorObject(body);
  if (!error) return undefined;
  const status = typeof error.code === 'number' && error.code >= 400 && error.code < 600 ? error.code : 502;
  return new GatewayError(error.message ?? 'Gemini reported an error while streaming.', { status, code: error.status ?? 'upstream_stream_error' });
}
