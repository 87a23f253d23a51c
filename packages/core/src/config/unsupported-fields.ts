/**
 * Config fields and headers of Portkey's that this gateway does not implement yet. A config that
 * asks for a guardrail and has it silently dropped would let through what it meant to stop, so
 * each one is refused with a 400 that names it, until the feature exists.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { ConfigTarget } from './schema.js';

/** Field -> what it asks for, as the refusal says it. */
const unsupportedFields: Readonly<Record<string, string>> = {
  hooks: 'hooks',
};

function unsupported(field: string, feature: string, source: string) {
  return invalidRequest(`Invalid ${source}: '${field}' asks for ${feature}, which this gateway does not support yet; remove it to send the request without them.`, field, 'unsupported_config');
}

/** Throws a 400 `unsupported_config` naming the first field of the tree that asks for something not built. */
export function refuseUnsupportedFields(node: ConfigTarget, source: string, path = ''): void {
  for (const field in unsupportedFields) {
    if (node[field] !== undefined) throw unsupported(path ? `${path}.${field}` : field, unsupportedFields[field], source);
  }
  for (const [index, child] of (node.targets ?? []).entries()) refuseUnsupportedFields(child, source, `${path ? `${path}.` : ''}targets[${index}]`);
}

/**
 * Request headers of Portkey's gateway that ask for something this one does not do (lower case):
 * what each asks for, and what to send instead. Each answers the same 400.
 */
const unsupportedHeaders = new Map<string, { feature: string; instead: string }>([
  ['x-portkey-retry-count', { feature: 'retries set by a header', instead: 'set `retry` in x-portkey-config instead' }],
  ['x-portkey-cache', { feature: 'caching set by a header', instead: 'set `cache` in x-portkey-config instead' }],
  ['x-portkey-mode', { feature: "the routing mode of Portkey's first SDKs", instead: 'send x-portkey-provider, or a strategy in x-portkey-config, instead' }],
]);

/** Throws a 400 `unsupported_config` when `name` (a lower-case `x-portkey-*` header) asks for something not built. */
export function refuseUnsupportedHeader(name: string): void {
  const refusal = unsupportedHeaders.get(name);
  if (refusal === undefined) return;
  throw invalidRequest(`The ${name} header asks for ${refusal.feature}, which this gateway does not support yet; ${refusal.instead}.`, name, 'unsupported_config');
}
