/**
 * The control plane (the logs API, the console, `/metrics`) shows what every client sent. On
 * loopback it is open, like the gateway itself; beyond loopback every call needs the operator's
 * `AI_GATEWAY_ADMIN_TOKEN`, as `Authorization: Bearer` or as the console's session cookie (given
 * for the token by the console's login form), and without that setting those paths do not exist
 * (404).
 */
import { GatewayError } from '@ai-gateway/provider-utils';
import { createConsoleSessions, sessionCookieValues, type ConsoleSessions } from './console-session.js';

export interface AdminAccess {
  /** The operator's admin token (`AI_GATEWAY_ADMIN_TOKEN`). */
  token?: string;
  /** True when the gateway listens beyond loopback: then the token is required, even from 127.0.0.1. */
  requireToken: boolean;
}

/**
 * What a control-plane request may do: `open` (no token needed), `granted` (it carries the token
 * or a valid session), `refused` (it does not), `off` (a token is needed and none is configured).
 */
export type AdminVerdict = 'open' | 'granted' | 'refused' | 'off';

export interface AdminGuard {
  /** The verdict on a request with these headers. */
  verdict(headers: Headers): Promise<AdminVerdict>;
  /** Throws the 404 or 401 a control-plane request gets, or returns when it may go on. */
  check(headers: Headers): Promise<void>;
  /** A new session's cookie value when `token` is the admin token; `undefined` otherwise. */
  signIn(token: string): Promise<string | undefined>;
}

/** What a control-plane request gets beyond loopback when no admin token is configured. */
export function controlPlaneOffError(): GatewayError {
  return new GatewayError('Not found. The control plane is off beyond loopback until AI_GATEWAY_ADMIN_TOKEN is set.', { status: 404, code: 'not_found' });
}

/** What a control-plane request without the admin token or a console session gets. */
export function adminTokenNeededError(): GatewayError {
  return new GatewayError(
    'This path needs the admin token: send Authorization: Bearer <AI_GATEWAY_ADMIN_TOKEN>, or sign in to the console at /public/.',
    { status: 401, type: 'authentication_error', code: 'invalid_admin_token' },
  );
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

async function hasValidSession(sessions: ConsoleSessions, headers: Headers): Promise<boolean> {
  for (const value of sessionCookieValues(headers)) {
    if (await sessions.isValid(value)) return true;
  }
  return false;
}

/** The guard of the control plane under `access` (no `access`: open, as on loopback). */
export function createAdminGuard(access: AdminAccess | undefined): AdminGuard {
  const token = access?.requireToken ? access.token : undefined;
  const sessions = token ? createConsoleSessions(token) : undefined;
  const verdict = async (headers: Headers): Promise<AdminVerdict> => {
    if (!access?.requireToken) return 'open';
    if (!token || !sessions) return 'off';
    const given = bearerToken(headers);
    if (given !== undefined && sameSecret(given, token)) return 'granted';
    return (await hasValidSession(sessions, headers)) ? 'granted' : 'refused';
  };
  return {
    verdict,
    async check(headers) {
      const found = await verdict(headers);
      if (found === 'off') throw controlPlaneOffError();
      if (found === 'refused') throw adminTokenNeededError();
    },
    async signIn(given) {
      if (!token || !sessions || !sameSecret(given, token)) return undefined;
      return sessions.issue();
    },
  };
}
