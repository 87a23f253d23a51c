/**
 * The console's sign-in beyond loopback: after the admin token was typed into the login form, the
 * browser holds a cookie instead of the token. The cookie is stateless, so every instance behind
 * one address accepts it and nothing is stored: `v1.<expiresAtMs>.<signature>`, the signature an
 * HMAC-SHA256 keyed by the admin token over `console-session:<expiresAtMs>`. Changing the token
 * ends every session; an expired or altered cookie is simply not valid. Web Crypto only.
 */
import { fromBase64Url, toBase64Url } from '../base64url.js';

/** The cookie that holds a console session. */
export const consoleSessionCookieName = 'ai_gateway_console';
/** How long a console session lasts: 12 hours. */
export const consoleSessionSeconds = 12 * 60 * 60;

const encoder = new TextEncoder();
const version = 'v1';

export interface ConsoleSessions {
  /** A new session's cookie value, valid for `consoleSessionSeconds` from `now`. */
  issue(now?: number): Promise<string>;
  /** Whether `value` was issued under this token and has not expired. */
  isValid(value: string, now?: number): Promise<boolean>;
}

function signedText(expiresAt: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`console-session:${expiresAt}`);
}

/** Sessions signed by `adminToken`. */
export function createConsoleSessions(adminToken: string): ConsoleSessions {
  let key: Promise<CryptoKey> | undefined;
  const signingKey = () => (key ??= crypto.subtle.importKey('raw', encoder.encode(adminToken), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  return {
    async issue(now = Date.now()) {
      const expiresAt = String(now + consoleSessionSeconds * 1000);
      const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await signingKey(), signedText(expiresAt)));
      return `${version}.${expiresAt}.${toBase64Url(signature)}`;
    },
    async isValid(value, now = Date.now()) {
      const [given, expiresAt, signature, ...rest] = value.split('.');
      if (given !== version || rest.length > 0 || !/^\d{1,15}$/.test(expiresAt ?? '') || Number(expiresAt) <= now) return false;
      let signatureBytes: Uint8Array<ArrayBuffer>;
      try {
        signatureBytes = fromBase64Url(signature ?? '');
      } catch {
        return false;
      }
      // Web Crypto's verify compares the signatures in constant time.
      return crypto.subtle.verify('HMAC', await signingKey(), signatureBytes, signedText(expiresAt!));
    },
  };
}

/** Every value of the session cookie the request carries (a browser may send more than one). */
export function sessionCookieValues(headers: Headers): string[] {
  const values: string[] = [];
  for (const pair of (headers.get('cookie') ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === consoleSessionCookieName) values.push(pair.slice(separator + 1).trim());
  }
  return values;
}

/**
 * Whether the browser reached the gateway over https, directly or through a proxy that says so:
 * then the cookie is marked `Secure`. A client lying about it only changes its own cookie.
 */
export function cameOverHttps(request: Request, headers: Headers): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(request.url).protocol === 'https:';
}

/**
 * The `Set-Cookie` of a session (`value`), or of its removal (`undefined`). No `Path`: the
 * browser's default, the folder of the login URL (`/public`, or `/gw/public` behind a proxy's
 * prefix), scopes it to the console and its API.
 */
export function sessionSetCookie(value: string | undefined, secure: boolean): string {
  const lifetime = value === undefined ? 0 : consoleSessionSeconds;
  return `${consoleSessionCookieName}=${value ?? ''}; HttpOnly; SameSite=Strict; Max-Age=${lifetime}${secure ? '; Secure' : ''}`;
}
