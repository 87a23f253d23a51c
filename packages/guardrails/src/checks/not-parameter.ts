/**
 * Portkey's `not` parameter, read the same way by every text check: each check first decides
 * whether the text has the property it names (matches the pattern, is within the range, ...), and
 * `not: true` turns that around. So a check with `not: true` passes exactly when it would
 * otherwise fail, empty text and "nothing found" included.
 */
import type { JsonObject } from '@ai-gateway/spec';

export function applyNot(outcome: boolean, parameters: Readonly<JsonObject>): boolean {
  return parameters.not === true ? !outcome : outcome;
}
