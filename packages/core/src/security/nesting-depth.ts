/**
 * How deep a client's JSON may nest. `JSON.parse` takes any depth, but what the gateway does with
 * the result recurses: config validation, `JSON.stringify` of a body that override_params changed
 * or a provider transformed, the translation of Anthropic Messages requests. At a few thousand
 * levels that overflows the stack, and the RangeError surfaced as a 500 that also counted against
 * the target's circuit. The limits sit far above real requests and far below the stack.
 * See docs/security.md.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';

/** Levels of objects and arrays in a config (`x-portkey-config`, server-side configs). */
export const configDepthLimit = 64;
/** Levels of objects and arrays in a JSON request body. */
export const bodyDepthLimit = 512;

/** True when `node` has objects or arrays more than `levelsLeft - 1` levels below it. */
function deeperThan(node: object, levelsLeft: number): boolean {
  if (levelsLeft === 0) return true;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index += 1) {
      const child: unknown = node[index];
      if (typeof child === 'object' && child !== null && deeperThan(child, levelsLeft - 1)) return true;
    }
    return false;
  }
  for (const key in node) {
    const child: unknown = (node as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && deeperThan(child, levelsLeft - 1)) return true;
  }
  return false;
}

/**
 * True when `value` nests objects and arrays more than `limit` levels deep (the outermost object
 * is level 1). The walk recurses, but never past `limit + 1` levels: it stops where the limit is
 * crossed, so it is safe for any input up to limits of a few thousand.
 */
export function isNestedDeeperThan(value: unknown, limit: number): boolean {
  return typeof value === 'object' && value !== null && deeperThan(value, limit);
}

/**
 * Throws a 400 (`too_deeply_nested`) when `value` nests deeper than `limit`. `what` names it for
 * the client (`The request body`, `x-portkey-config`); `param` is the error's param.
 */
export function checkNestingDepth(value: unknown, limit: number, what: string, param: string | null = null): void {
  if (isNestedDeeperThan(value, limit)) {
    throw invalidRequest(`${what} nests objects and arrays more than ${limit} levels deep, more than this gateway accepts.`, param, 'too_deeply_nested');
  }
}

/**
 * The body check, skipped for bodies too short to nest past the limit: each level takes an
 * opening and a closing bracket, so a body of at most 2 x limit bytes never does, and the
 * common small request pays one comparison.
 */
export function checkBodyDepth(json: object, byteLength: number): void {
  if (byteLength > 2 * bodyDepthLimit) checkNestingDepth(json, bodyDepthLimit, 'The request body');
}
