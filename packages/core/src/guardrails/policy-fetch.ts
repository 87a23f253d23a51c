/**
 * The `fetch` a check gets (webhooks, logging, moderation APIs): the URL vetted by the custom-host
 * policy (never link-local or metadata addresses; the allowlist when set), sent through the
 * runtime's upstream fetch (which, on Node, also refuses names that resolve to link-local
 * addresses), never following a redirect, and read to at most 1 MiB.
 */
import { GatewayError } from '@ai-gateway/provider-utils';
import type { UpstreamFetch } from '@ai-gateway/spec';
import { readUpstreamBytes } from '../upstream/read-upstream-body.js';

export const maxCalloutAnswerBytes = 1024 * 1024;

export function createPolicyFetch(upstreamFetch: UpstreamFetch, checkCustomHost: (url: string) => string): (url: string, init?: RequestInit) => Promise<Response> {
  return async (url, init = {}) => {
    checkCustomHost(url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await upstreamFetch(url, { method: init.method ?? 'GET', headers, body: init.body ?? null, signal: init.signal ?? undefined, redirect: 'manual' });
    let bytes: Uint8Array;
    try {
      bytes = await readUpstreamBytes(answer, maxCalloutAnswerBytes, new URL(url).host);
    } catch (error) {
      throw error instanceof GatewayError ? new Error(error.message) : error;
    }
    // 1xx-like and null-body statuses cannot carry a body in a Response.
    const body = answer.status === 204 || answer.status === 304 ? null : (bytes as BodyInit);
    return new Response(body, { status: answer.status, headers: answer.headers });
  };
}
