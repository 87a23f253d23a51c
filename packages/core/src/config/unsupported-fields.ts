/**
 * Config fields and headers of Portkey's that this gateway does not implement yet. A config that
 * asks for a guardrail and has it silently dropped would let through what it meant to stop, so
 * each one is refused with a 400 that names it, until the feature exists.
 */
import { invalidRequest } from '../errors.js';
import type { ConfigTarget } from './schema.js';

/** Field -> what it asks for, as the refusal says it. */
const unsupportedFields: Readonly<Record<string, string>> = {
  virtual_key: 'virtual keys',
  hooks: 'hooks',
  before_request_hooks: 'before-request hooks',
  after_request_hooks: 'after-request hooks',
  input_guardrails: 'input guardrails',
  output_guardrails: 'output guardrails',
};

function unsupported(field: string, feature: string, source: string) {
  return invalidRequest(`Invalid ${source}: '${field}' asks for ${feature}, which this gateway does not support yet; remove it to send the request without them.`, field, 'unsupported_config');
}

/** Throws a 400 `unsupported_config` naming the first field of the tree that asks for something not built. */
export function refuseUnsupportedFields(node: ConfigTarget, source: string, path = ''): void {
  for (const field in unsupportedFields) {
    if (node[field] !== undefined) throw unsupported(path ? `${path}.${field}` : field, unsupportedFields[field], source);
  }
  node.targets?.forEach((child, index) => refuseUnsupportedFields(child, source, `${path ? `${path}.` : ''}targets[${index}]`));
}

/** The request headers of the same features (lower case); each answers the same 400. */
const unsupportedHeaders = new Map<string, string>([['x-portkey-virtual-key', 'virtual keys']]);

/** Throws a 400 `unsupported_config` when `name` (a lower-case `x-portkey-*` header) asks for something not built. */
export function refuseUnsupportedHeader(name: string): void {
  const feature = unsupportedHeaders.get(name);
  if (feature === undefined) return;
  throw invalidRequest(`The ${name} header asks for ${feature}, which this gateway does not support yet; send the provider's key as Authorization instead.`, name, 'unsupported_config');
}
