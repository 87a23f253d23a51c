/**
 * The last step of an ingress format's route: an error answer in the format's own shape. (A stream
 * that fails after its first byte ends with the format's error event where it is written:
 * `ingressStreamError` in request/gateway-request.ts.)
 */
import type { GatewayError } from '@ai-gateway/provider-utils';
import type { HeaderRecord } from '../upstream/answer.js';
import type { IngressFormatV1 } from '@ai-gateway/spec';

export function ingressErrorResponse(format: IngressFormatV1, error: GatewayError, headers: HeaderRecord): Response {
  headers['content-type'] = 'application/json';
  // A guardrail's 446 carries its results beside the error, in every format (guardrails/leaf-hooks.ts).
  const hookResults = (error as GatewayError & { hookResults?: unknown }).hookResults;
  const body = hookResults === undefined ? format.errorBody(error) : Object.assign(format.errorBody(error) as object, { hook_results: hookResults });
  return new Response(JSON.stringify(body), { status: error.status, headers });
}
