import { GatewayError } from '../errors.js';
import { joinChunks } from '../join-chunks.js';

function tooLarge(limit: number): GatewayError {
  return new GatewayError(`Request body is larger than this gateway's limit of ${limit} bytes.`, {
    status: 413,
    type: 'invalid_request_error',
    code: 'request_too_large',
  });
}

/**
 * Reads a request body into memory, refusing more than `limit` bytes without reading them all:
 * a declared length over the limit is refused at once, an undeclared one as soon as it passes it.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return null;
  const declaredLength = request.headers.get('content-length');
  if (declaredLength !== null) {
    if (Number(declaredLength) > limit) {
      request.body.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    return new Uint8Array(await request.arrayBuffer());
  }

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return joinChunks(chunks, total);
}
