import type { ConfigTarget } from './schema.js';
import { withFields } from '@ai-gateway/provider-utils';

/** Fields a nested target does not take from its parent: they describe the parent node itself. */
const ownFields = new Set(['strategy', 'targets', 'name', 'weight']);

/** A child target inherits its parent's settings (retry, timeout, overrides, keys ...) unless it sets its own. */
export function inheritFrom(parent: ConfigTarget, child: ConfigTarget): ConfigTarget {
  const merged: ConfigTarget = {};
  for (const [key, value] of Object.entries(parent)) {
    if (!ownFields.has(key)) merged[key] = value;
  }
  Object.assign(merged, child);
  if (parent.override_params && child.override_params) {
    merged.override_params = withFields(parent.override_params, child.override_params);
  }
  // A virtual key brings its provider, key and host; a target with a provider or key of its own does not take the parent's virtual key.
  if (child.virtual_key !== undefined) {
    for (const field of ['provider', 'api_key', 'custom_host', 'forward_headers']) if (child[field] === undefined) delete merged[field];
  } else if (child.provider !== undefined || child.api_key !== undefined) {
    delete merged.virtual_key;
  }
  // A target for another provider must not receive the parent's key or host for a different API.
  if (child.provider && parent.provider && child.provider !== parent.provider) {
    if (child.api_key === undefined) delete merged.api_key;
    if (child.custom_host === undefined) delete merged.custom_host;
  }
  return merged;
}
