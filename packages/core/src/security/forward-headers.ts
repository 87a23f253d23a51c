/**
 * Which client headers `x-portkey-forward-headers` (or a target's `forward_headers`) may send
 * upstream. Forwarding is for a client's own end-to-end headers (`x-my-tenant`, `openai-beta`);
 * a forwarded header replaces the one the gateway built, so some names would let a request steer
 * what the gateway owns: the connection and the body's framing, the target's credentials (the key
 * of one provider must not reach another on fallback), and the gateway's own `x-portkey-*`
 * settings. Those are refused with a 400. See docs/headers.md.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';

/** The connection and the body's framing are the gateway's to set towards each upstream. */
const connectionHeaders = [
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'http2-settings',
  'host', 'content-length', 'content-encoding', 'accept-encoding', 'expect',
];

/** Credentials and request signatures: each target gets the key the gateway chose for it. */
const credentialHeaders = [
  'authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'x-goog-api-key',
  'x-amz-security-token', 'x-amz-date', 'x-amz-content-sha256',
];

/** What a proxy says about the client's connection; a client may not say it for the gateway. */
const proxyHeaders = ['forwarded', 'x-real-ip'];

const refusals = new Map<string, string>([
  ...connectionHeaders.map((name) => [name, 'the gateway sets the connection and body framing headers itself'] as const),
  ...credentialHeaders.map((name) => [name, 'credentials are never forwarded; each target gets the key the gateway chose for it'] as const),
  ...proxyHeaders.map((name) => [name, 'proxy headers describe the connection to the gateway, not a client\'s wish'] as const),
]);

/** RFC 9110 token characters, lower case as names are compared. */
const headerName = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Why a (lower-case) header name may not be forwarded, or undefined when it may. */
export function forwardHeaderRefusal(name: string): string | undefined {
  if (!headerName.test(name)) return 'it is not a valid header name';
  if (name.startsWith('x-portkey-')) return 'x-portkey-* headers are the gateway\'s own and are never forwarded';
  if (name.startsWith('x-forwarded-')) return refusals.get('forwarded');
  return refusals.get(name);
}

/** The 400 for a refused name; `source` names the header or config field the list came from. */
export function forwardHeaderError(source: string, name: string, reason: string) {
  return invalidRequest(`Invalid ${source}: '${name.slice(0, 64)}' cannot be forwarded: ${reason}.`, source, 'invalid_forward_header');
}

/**
 * Lower-cases the names of a forward list and checks each one, throwing a 400 that names `source`
 * and the refused name.
 */
export function checkForwardHeaders(names: readonly string[], source: string): string[] {
  const checked: string[] = [];
  for (const name of names) {
    const lowerCase = name.toLowerCase();
    const reason = forwardHeaderRefusal(lowerCase);
    if (reason) throw forwardHeaderError(source, name, reason);
    checked.push(lowerCase);
  }
  return checked;
}
