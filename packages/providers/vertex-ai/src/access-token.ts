/**
 * Access tokens for service accounts: a signed JWT exchanged at the account's token endpoint,
 * then reused until shortly before it expires. Concurrent requests for the same account share
 * one exchange. The cache key is a hash of the whole credential (private key included), so a
 * caller who knows only an account's email never gets a token made from someone else's key.
 */
import type { UpstreamFetch, UpstreamResponse } from '@ai-gateway/spec';
import { GatewayError } from '@ai-gateway/provider-utils';
import { signServiceAccountJwt } from './jwt.js';
import type { ServiceAccount } from './service-account.js';

/** A token is renewed this long before it expires, so no request starts with one about to lapse. */
const renewBeforeExpiryMs = 5 * 60 * 1000;
/** Accounts remembered at most; the oldest is forgotten first. */
const maxCachedAccounts = 256;

interface CachedToken {
  token: Promise<string>;
  expiresAt: number;
}

export interface AccessTokenCache {
  /** An access token for the account, from the cache or a new exchange through `fetch`. */
  get(account: ServiceAccount, fetch: UpstreamFetch): Promise<string>;
}

async function cacheKey(account: ServiceAccount): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${account.clientEmail}\n${account.tokenUri}\n${account.privateKey}`));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function exchangeFailure(message: string, status: number, cause?: unknown): GatewayError {
  // A refused credential is the caller's to fix (401); an unreachable or failing endpoint may pass (502, retryable).
  return new GatewayError(`Vertex AI service account token exchange failed: ${message}`, {
    status, type: status === 401 ? 'authentication_error' : 'upstream_error', code: 'vertex_token_exchange_failed', cause,
  });
}

async function exchange(account: ServiceAccount, fetch: UpstreamFetch, now: () => number): Promise<{ token: string; expiresInMs: number }> {
  const assertion = await signServiceAccountJwt(account, Math.floor(now() / 1000));
  let response: UpstreamResponse;
  try {
    response = await fetch(account.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
    });
  } catch (error) {
    throw exchangeFailure(`could not reach ${new URL(account.tokenUri).origin}.`, 502, error);
  }
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
  if (!response.ok || typeof body.access_token !== 'string') {
    const reason = String(body.error_description ?? body.error ?? `status ${response.status}`);
    throw exchangeFailure(reason, response.status >= 500 ? 502 : 401);
  }
  const expiresInSeconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  return { token: body.access_token, expiresInMs: expiresInSeconds * 1000 };
}

/**
 * A token cache. Each provider made by `createVertexAIProvider` has its own.
 * @param now the clock, for tests.
 */
export function createAccessTokenCache(now: () => number = Date.now): AccessTokenCache {
  const entries = new Map<string, CachedToken>();
  return {
    async get(account, fetch) {
      const key = await cacheKey(account);
      const cached = entries.get(key);
      if (cached && cached.expiresAt > now()) return cached.token;

      const entry: CachedToken = { token: Promise.resolve(''), expiresAt: Number.POSITIVE_INFINITY };
      entry.token = exchange(account, fetch, now).then(
        ({ token, expiresInMs }) => {
          entry.expiresAt = now() + expiresInMs - renewBeforeExpiryMs;
          return token;
        },
        (error: unknown) => {
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        },
      );
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxCachedAccounts) entries.delete(entries.keys().next().value!);
      return entry.token;
    },
  };
}
