/**
 * Errors as the Responses API's clients expect them: OpenAI's usual error body for answers, and an
 * `error` event for a stream the gateway has to end without knowing its state.
 * https://platform.openai.com/docs/api-reference/responses-streaming/error
 */
import { encodeSSEEvent } from '@ai-gateway/provider-utils';
import type { IngressErrorV1 } from '@ai-gateway/spec';

export function responsesErrorBody(error: IngressErrorV1) {
  return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
}

/** The openai SDK's stream helpers reject on this event; streams the translation still follows end with `response.failed` instead. */
export function encodeResponsesStreamError(error: { message: string; type: string; status?: number }): Uint8Array {
  return encodeSSEEvent('error', { type: 'error', code: error.type, message: error.message, param: null, sequence_number: 0 });
}
