import { GatewayError } from '@ai-gateway/provider-utils';
import { readWithin } from '../read-within.js';

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

  const body = await readWithin(request.body, limit);
  if (body === undefined) throw tooLarge(limit);
  return body;
}
