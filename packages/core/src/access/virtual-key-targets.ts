/**
 * Targets that name a virtual key (`virtual_key` in a config target, or `x-portkey-virtual-key`
 * for the targets that name no provider): they call the virtual key's provider with the
 * operator's credential and settings. That credential is the operator's, so the request may not
 * steer it: a target or header that would also set its host, headers, provider or settings is
 * refused (400 `virtual_key_override` naming the field), like a request under an operator's config.
 */
import { invalidRequest, type GatewayError } from '@ai-gateway/provider-utils';
import { inheritFrom } from '../config/inherit-target.js';
import type { ConfigTarget } from '../config/schema.js';
import { routingFields } from '../config/target-fields.js';
import { headerNames, type RequestOptions } from '../request/portkey-headers.js';
import { leafVirtualKey, unknownVirtualKey } from '../strategy/virtual-key-options.js';
import type { ResolvedVirtualKey, VirtualKeys } from './virtual-keys.js';

interface Leaf {
  node: ConfigTarget;
  path: string;
  virtualKey: string;
}

/** Whether any node of a config names a virtual key (remembered per parsed config, which parse-config shares). */
const namesVirtualKey = new WeakMap<ConfigTarget, boolean>();
function configNamesVirtualKey(node: ConfigTarget): boolean {
  let found = namesVirtualKey.get(node);
  if (found === undefined) {
    found = node.virtual_key !== undefined || (node.targets ?? []).some(configNamesVirtualKey);
    namesVirtualKey.set(node, found);
  }
  return found;
}

/** Whether a request must resolve virtual keys before it runs: a cheap test, the common answer is no. */
export function usesVirtualKeys(config: ConfigTarget, options: RequestOptions): boolean {
  return options.virtualKey !== undefined || configNamesVirtualKey(config);
}

function leavesOf(node: ConfigTarget, path: string, options: RequestOptions, leaves: Leaf[]): Leaf[] {
  const targets = node.targets;
  if (!targets || targets.length === 0) {
    const virtualKey = leafVirtualKey(node, options);
    if (virtualKey !== undefined) leaves.push({ node, path, virtualKey });
    return leaves;
  }
  for (const [index, child] of targets.entries()) leavesOf(inheritFrom(node, child), `${path ? `${path}.` : ''}targets[${index}]`, options, leaves);
  return leaves;
}

function override(field: string, id: string): GatewayError {
  return invalidRequest(
    `${field} cannot be used with virtual key '${id}': its provider, credential, host and settings are set by this gateway's operator. Send the request without it.`,
    field,
    'virtual_key_override',
  );
}

function checkLeaf(leaf: Leaf, key: ResolvedVirtualKey, options: RequestOptions): void {
  const at = (field: string) => (leaf.path ? `${leaf.path}.${field}` : field);
  const { node } = leaf;
  if (node.provider !== undefined && node.provider !== key.provider) throw override(at('provider'), key.id);
  for (const field of ['api_key', 'custom_host', 'forward_headers'] as const) if (node[field] !== undefined) throw override(at(field), key.id);
  for (const field in node) if (!routingFields.has(field)) throw override(at(field), key.id);
  if (options.provider !== undefined && options.provider !== key.provider) throw override(headerNames.provider, key.id);
  if (options.customHost !== undefined) throw override(headerNames.customHost, key.id);
  if (options.forwardHeaders !== undefined) throw override(headerNames.forwardHeaders, key.id);
  const setting = Object.keys(options.settings)[0];
  if (setting !== undefined) throw override(`x-portkey-${setting.replaceAll('_', '-')}`, key.id);
}

/**
 * Opens every virtual key the config's targets call with, checks that nothing in the request
 * steers them, and keeps them on `options.virtualKeys` for the targets. `allow` (a gateway key's
 * `allowed_virtual_keys` and `allowed_providers`) may refuse one.
 */
export async function resolveVirtualKeys(
  config: ConfigTarget,
  options: RequestOptions,
  virtualKeys: VirtualKeys | undefined,
  allow?: (key: ResolvedVirtualKey) => void,
): Promise<void> {
  const leaves = leavesOf(config, '', options, []);
  if (leaves.length === 0) return;
  if (!virtualKeys) {
    const [first] = leaves;
    const param = first.node.virtual_key !== undefined ? (first.path ? `${first.path}.virtual_key` : 'virtual_key') : headerNames.virtualKey;
    throw invalidRequest(`Unknown virtual key '${first.virtualKey}': this gateway stores no virtual keys (it has no key store).`, param, 'virtual_key_not_found');
  }
  const resolved = new Map<string, ResolvedVirtualKey>();
  for (const leaf of leaves) {
    let key = resolved.get(leaf.virtualKey);
    if (!key) {
      key = await virtualKeys.resolve(leaf.virtualKey);
      const param = leaf.node.virtual_key !== undefined ? (leaf.path ? `${leaf.path}.virtual_key` : 'virtual_key') : headerNames.virtualKey;
      if (!key) throw unknownVirtualKey(leaf.virtualKey, param);
      allow?.(key);
      resolved.set(leaf.virtualKey, key);
    }
    checkLeaf(leaf, key, options);
  }
  options.virtualKeys = resolved;
}
