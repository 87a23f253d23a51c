/**
 * Where a client puts its gateway key. `x-portkey-api-key` is the gateway's own header (what the
 * portkey-ai SDKs send); `Authorization: Bearer` and `x-api-key` carry it when it has the gateway
 * prefix, so an unmodified openai or anthropic client uses its gateway key as its API key. A
 * provider key in those headers (no prefix) stays the provider's.
 */
import { gatewayKeyPrefix } from './key-secret.js';

function bearerToken(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match ? match[1].trim() : undefined;
}

/** The gateway key the request shows, or undefined. */
export function presentedKey(headers: Headers): string | undefined {
  const bearer = bearerToken(headers.get('authorization'));
  if (bearer?.startsWith(gatewayKeyPrefix)) return bearer;
  const apiKey = headers.get('x-api-key')?.trim();
  if (apiKey?.startsWith(gatewayKeyPrefix)) return apiKey;
  return headers.get('x-portkey-api-key')?.trim() || undefined;
}
