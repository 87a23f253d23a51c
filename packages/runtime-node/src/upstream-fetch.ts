/**
 * The upstream client: undici's fetch over one pooled keep-alive Agent, so calls to the same
 * provider reuse warm connections instead of paying a TCP (and TLS) handshake each time.
 */
import { Agent, fetch as undiciFetch } from 'undici';

export interface UpstreamFetchOptions {
  /** Most sockets per upstream origin. */
  connections?: number;
  /** How long an idle pooled socket is kept, in milliseconds. */
  keepAliveTimeout?: number;
}

export function createUpstreamFetch(options: UpstreamFetchOptions = {}): { fetch: typeof fetch; close(): Promise<void> } {
  const agent = new Agent({
    connections: options.connections ?? 256,
    keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
    keepAliveMaxTimeout: 600_000,
    // Timeouts belong to the gateway's own request_timeout: a slow model may take minutes.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const pooledFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher: agent } as Parameters<typeof undiciFetch>[1])) as unknown as typeof fetch;
  return { fetch: pooledFetch, close: () => agent.close() };
}
