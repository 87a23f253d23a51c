import { GatewayError } from '@ai-gateway/provider-utils';

/**
 * Cohere reports a failed generation inside a 200 answer (`finish_reason: "ERROR"`, or an error
 * event in a stream). The client gets an OpenAI error instead of a truncated answer.
 */
export function generationFailed(message: string | undefined): GatewayError {
  return new GatewayError(message || 'cohere ended the generation with an error.', { status: 502, type: 'upstream_error', code: 'upstream_generation_error' });
}
