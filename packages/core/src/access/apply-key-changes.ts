import type { GatewayKeyV1 } from '@ai-gateway/spec';
import { withFields } from '@ai-gateway/provider-utils';
import type { KeyFieldChanges } from './key-fields.js';

/** The key with `changes` applied: a field set to `null` is removed. Shared by every store. */
export function applyKeyChanges(key: GatewayKeyV1, changes: KeyFieldChanges): GatewayKeyV1 {
  const changed: Record<string, unknown> = withFields(key as unknown as Record<string, unknown>);
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete changed[field];
    else if (value !== undefined) changed[field] = value;
  }
  return changed as unknown as GatewayKeyV1;
}
