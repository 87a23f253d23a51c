import type { GatewayError } from '../errors.js';

const encoder = new TextEncoder();

/** `data: <json>\n\n` for one server-sent event. */
export function encodeSSEData(data: unknown): Uint8Array {
  return encoder.encode(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** An SSE event with a name, as Anthropic's Messages API streams them. */
export function encodeSSEEvent(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

export const sseDone: Uint8Array = encoder.encode('data: [DONE]\n\n');

/**
 * The event that ends a stream that failed after it started. The openai SDK raises an APIError
 * when it reads a data event carrying `error`, so clients see the failure instead of a short answer.
 */
export function encodeSSEError(error: GatewayError): Uint8Array {
  return encodeSSEData(error.toJSON());
}
