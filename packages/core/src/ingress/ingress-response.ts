/**
 * The last step of an ingress format's route: errors in the format's own shape, including the one
 * the stream guard writes when an upstream fails mid-stream (an OpenAI-shaped `data: {"error": ...}`
 * event that clients of another format would not recognise, or would silently skip).
 */
import type { GatewayError } from '@ai-gateway/provider-utils';
import type { Answer, HeaderRecord } from '../upstream/answer.js';
import type { IngressFormatV1 } from '@ai-gateway/spec';

const guardErrorPrefix = new TextEncoder().encode('data: {"error"');
const decoder = new TextDecoder();

function startsWithGuardError(chunk: Uint8Array): boolean {
  if (chunk.byteLength < guardErrorPrefix.byteLength) return false;
  for (let index = 0; index < guardErrorPrefix.byteLength; index += 1) {
    if (chunk[index] !== guardErrorPrefix[index]) return false;
  }
  return true;
}

/**
 * Rewrites the guard's error event into the format's. The guard enqueues that event as a chunk of
 * its own, so looking at the first bytes of each chunk finds it without parsing the stream.
 */
function rewriteGuardErrors(format: IngressFormatV1): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      if (!startsWithGuardError(chunk)) return controller.enqueue(chunk);
      try {
        const { error } = JSON.parse(decoder.decode(chunk).slice('data: '.length));
        controller.enqueue(format.encodeStreamError({ message: String(error.message), type: String(error.type ?? 'api_error') }));
      } catch {
        controller.enqueue(chunk);
      }
    },
  });
}

export function ingressAnswer(format: IngressFormatV1, answer: Answer): Answer {
  const isEventStream = answer.headers['content-type']?.includes('text/event-stream') ?? false;
  if (!isEventStream || !(answer.body instanceof ReadableStream)) return answer;
  return { status: answer.status, headers: answer.headers, body: answer.body.pipeThrough(rewriteGuardErrors(format)) };
}

export function ingressErrorResponse(format: IngressFormatV1, error: GatewayError, headers: HeaderRecord): Response {
  headers['content-type'] = 'application/json';
  // A guardrail's 446 carries its results beside the error, in every format (guardrails/leaf-hooks.ts).
  const hookResults = (error as GatewayError & { hookResults?: unknown }).hookResults;
  const body = hookResults === undefined ? format.errorBody(error) : Object.assign(format.errorBody(error) as object, { hook_results: hookResults });
  return new Response(JSON.stringify(body), { status: error.status, headers });
}
