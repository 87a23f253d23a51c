/**
 * How a target that names a virtual key calls: which key a leaf uses, and the options it calls
 * with (the operator's credential, host and settings). The keys themselves are opened and checked
 * before any target runs (access/virtual-key-targets.ts).
 */
import { invalidRequest, withFields, type GatewayError } from '@ai-gateway/provider-utils';
import type { TargetOptions } from '@ai-gateway/spec';
import type { ConfigTarget } from '../config/schema.js';
import { headerNames, type RequestOptions } from '../request/portkey-headers.js';

/** The virtual key a leaf target calls with: its own (or inherited) `virtual_key`, else the header's when it names no provider or key. */
export function leafVirtualKey(node: ConfigTarget, options: RequestOptions): string | undefined {
  if (node.virtual_key !== undefined) return node.virtual_key;
  if (options.virtualKey !== undefined && node.provider === undefined && node.api_key === undefined) return options.virtualKey;
  return undefined;
}

/** A virtual key no store holds: 400 naming where the request named it. */
export function unknownVirtualKey(id: string, param: string): GatewayError {
  return invalidRequest(`Unknown virtual key '${id}': no virtual key with this id is stored in this gateway.`, param, 'virtual_key_not_found');
}

/** The options a virtual key's target calls with: the operator's credential, host and settings; the request's model and timeout. */
export function virtualKeyTargetOptions(node: ConfigTarget, id: string, options: RequestOptions): TargetOptions {
  const key = options.virtualKeys?.get(id);
  // resolveVirtualKeys ran before any target (execute-request.ts); a missing one is a gateway bug, refused rather than called keyless.
  if (!key) throw unknownVirtualKey(id, headerNames.virtualKey);
  return {
    provider: key.provider,
    apiKey: key.apiKey,
    customHost: key.customHost,
    overrideParams: node.override_params,
    forwardHeaders: undefined,
    requestTimeout: node.request_timeout ?? options.requestTimeout,
    settings: withFields(key.settings),
  };
}
