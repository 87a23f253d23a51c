import type { ConfigTarget } from '../config/schema.js';
import { routingFields } from '../config/target-fields.js';
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { TargetOptions } from '@ai-gateway/spec';
import type { ConfigSource } from '../request/gateway-request.js';
import type { RequestOptions } from '../request/portkey-headers.js';
import { withFields } from '@ai-gateway/provider-utils';
import { leafVirtualKey, virtualKeyTargetOptions } from './virtual-key-options.js';

/**
 * Resolves a leaf of the config tree (or the headers alone) into the options a provider receives.
 * The request's own key and custom host are used only for the provider the request names, so a
 * fallback to another provider never sends it a key meant for someone else.
 *
 * Under an operator's config the target is the operator's alone: the request's provider, custom
 * host, forwarded headers and provider settings never apply (the request was refused if it sent
 * them, see operator-overrides.ts), its key is used only by a target that holds none of its own,
 * and its timeout only when shorter than the operator's.
 */
export function toTargetOptions(node: ConfigTarget, options: RequestOptions, source: ConfigSource = 'request'): TargetOptions {
  if (source === 'operator') return toOperatorTargetOptions(node, options);
  const virtualKey = leafVirtualKey(node, options);
  if (virtualKey !== undefined) return virtualKeyTargetOptions(node, virtualKey, options);
  const provider = node.provider ?? options.provider;
  if (!provider) {
    throw invalidRequest('No provider given: set the x-portkey-provider header or a provider in x-portkey-config.', 'provider', 'missing_provider');
  }
  const requestLevelApplies = options.provider === undefined || options.provider === provider;
  const settings: Record<string, unknown> = withFields(options.settings);
  for (const [key, value] of Object.entries(node)) {
    if (!routingFields.has(key)) settings[key] = value;
  }
  return {
    provider,
    apiKey: node.api_key ?? (requestLevelApplies ? options.apiKey : undefined),
    customHost: node.custom_host ?? (requestLevelApplies ? options.customHost : undefined),
    overrideParams: node.override_params,
    forwardHeaders: node.forward_headers ?? options.forwardHeaders,
    requestTimeout: node.request_timeout ?? options.requestTimeout,
    settings,
  };
}

function toOperatorTargetOptions(node: ConfigTarget, options: RequestOptions): TargetOptions {
  // The operator's own virtual key (server-config.ts let it stand for provider, key and host).
  if (node.virtual_key !== undefined) {
    const target = virtualKeyTargetOptions(node, node.virtual_key, options);
    target.requestTimeout = shorterTimeout(node.request_timeout, options.requestTimeout);
    return target;
  }
  if (!node.provider) {
    // Server configs are checked for this when loaded (server-config.ts); a request never picks one.
    throw invalidRequest("This gateway's server-side config has a target without a provider.", 'provider', 'missing_provider');
  }
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!routingFields.has(key)) settings[key] = value;
  }
  return {
    provider: node.provider,
    apiKey: node.api_key ?? options.apiKey,
    customHost: node.custom_host,
    overrideParams: node.override_params,
    forwardHeaders: node.forward_headers,
    requestTimeout: shorterTimeout(node.request_timeout, options.requestTimeout),
    settings,
  };
}

function shorterTimeout(operator: number | undefined, client: number | undefined): number | undefined {
  if (operator === undefined) return client;
  return client !== undefined && client < operator ? client : operator;
}

/**
 * Whether the timeout a target runs under is the client's own choice: its header, or any timeout
 * in a config the client wrote. A timeout the client chose says nothing about the target's health
 * (see run-leaf.ts), so it never counts toward a circuit that other clients share.
 */
export function timeoutChosenByClient(node: ConfigTarget, options: RequestOptions, source: ConfigSource): boolean {
  if (source === 'request') return node.request_timeout !== undefined || options.requestTimeout !== undefined;
  return options.requestTimeout !== undefined && (node.request_timeout === undefined || options.requestTimeout < node.request_timeout);
}
