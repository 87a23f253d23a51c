/**
 * The control plane (the logs API, the console, `/metrics`) shows what every client sent. On
 * loopback it is open, like the gateway itself; beyond loopback every call needs the operator's
 * `AI_GATEWAY_ADMIN_TOKEN`, and without that setting those paths do not exist (404).
 */
import { GatewayError } from '@ai-gateway/provider-utils';

export interface AdminAccess {
  /** The operator's admin token (`AI_GATEWAY_ADMIN_TOKEN`). */
  token?: string;
  /** True when the gateway listens beyond loopback: then the token is required, even from 127.0.0.1. */
  requireToken: boolean;
}

/** Compares without returning early, so the time taken does not tell how much of a guess was right. */
function sameSecret(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let index = 0; index < expected.length; index += 1) {
    difference |= (given.charCodeAt(index) | 0) ^ expected.charCodeAt(index);
  }
  return difference === 0;
}

function bearerToken(headers: Headers): string | undefined {
  const authorization = headers.get('authorization');
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : undefined;
}

/** Throws the 404 or 401 a control-plane request gets, or returns when it may go on. */
export function checkAdminAccess(access: AdminAccess | undefined, headers: Headers): void {
  if (!access?.requireToken) return;
  if (!access.token) {
    throw new GatewayError('Not found. The control plane is off beyond loopback until AI_GATEWAY_ADMIN_TOKEN is set.', { status: 404, code: 'not_found' });
  }
  const given = bearerToken(headers);
  if (given === undefined || !sameSecret(given, access.token)) {
    throw new GatewayError('This path needs the admin token: send Authorization: Bearer <AI_GATEWAY_ADMIN_TOKEN>.', { status: 401, type: 'authentication_error', code: 'invalid_admin_token' });
  }
}
