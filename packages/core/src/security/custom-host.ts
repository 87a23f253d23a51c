/**
 * Custom hosts let a request point a provider at any base URL, which is also a way to make the
 * gateway call places it should not. Loopback and private networks stay allowed by default
 * (Ollama and other local models live there); link-local and cloud-metadata addresses never are.
 * Shared deployments set an allowlist.
 *
 * Only the literal host is checked: core has no DNS (Web APIs only). A name that resolves to a
 * link-local address is the runtime's to refuse (Node checks every address it connects to; see
 * docs/security.md for the others); operators of shared deployments use the allowlist.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import { isLinkLocalOrMetadataAddress } from './link-local-address.js';

export interface CustomHostPolicy {
  /** When set, only these hostnames (exact, lower case) may be used as custom hosts. */
  allowlist?: readonly string[];
}

/** Well-known metadata names that resolve to link-local addresses on cloud hosts. */
const metadataHostnames = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** Returns the custom host without a trailing slash, or throws a 400 explaining why it is refused. */
export function checkCustomHost(customHost: string, policy: CustomHostPolicy = {}): string {
  let url: URL;
  try {
    url = new URL(customHost);
  } catch {
    throw invalidRequest(`Invalid custom host '${customHost}': it is not an absolute URL.`, 'custom_host', 'invalid_custom_host');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidRequest(`Invalid custom host: scheme '${url.protocol}' is not allowed; use http or https.`, 'custom_host', 'invalid_custom_host');
  }
  const hostname = url.hostname.toLowerCase();
  // `metadata.google.internal.` (a fully qualified name) is the same host as without the dot.
  const withoutTrailingDots = hostname.replace(/\.+$/, '');
  if (isLinkLocalOrMetadataAddress(hostname) || metadataHostnames.has(withoutTrailingDots)) {
    throw invalidRequest('Invalid custom host: link-local and cloud metadata addresses are not allowed.', 'custom_host', 'invalid_custom_host');
  }
  if (policy.allowlist && !policy.allowlist.includes(hostname.replace(/^\[|\]$/g, ''))) {
    throw invalidRequest(`Invalid custom host: '${hostname}' is not in this gateway's allowlist.`, 'custom_host', 'custom_host_not_allowed');
  }
  return customHost.replace(/\/+$/, '');
}

/**
 * `checkCustomHost` under one policy, remembering the hosts it accepted: a gateway sends most calls
 * to the same few custom hosts, and parsing each one's URL again on every call showed up in
 * profiles. Refusals are not remembered (they throw every time), and the memory is bounded.
 */
export function createCustomHostCheck(policy: CustomHostPolicy): (customHost: string) => string {
  const accepted = new Map<string, string>();
  return (customHost) => {
    let baseUrl = accepted.get(customHost);
    if (baseUrl === undefined) {
      baseUrl = checkCustomHost(customHost, policy);
      if (accepted.size >= 1024) accepted.clear();
      accepted.set(customHost, baseUrl);
    }
    return baseUrl;
  };
}
