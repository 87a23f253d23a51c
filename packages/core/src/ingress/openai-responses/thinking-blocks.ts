/**
 * Signed reasoning (Anthropic's `thinking` and `redacted_thinking` blocks, carried in chat as
 * `thinking_blocks`) on the Responses API's `reasoning` items. A client never sees or sends the
 * blocks themselves: the route seals them into `encrypted_content` (responses/sealed-reasoning.ts)
 * and opens that again on the next turn. What it opened is attached to the client's own item
 * object here, beside the body rather than in it, so a target with its own Responses API still
 * gets the items as the client sent them, and no field a client writes can pose as opened blocks.
 */
import type { ThinkingBlock } from '@ai-gateway/provider-utils';
import type { JsonObject } from '@ai-gateway/spec';

const openedBlocks = new WeakMap<object, ThinkingBlock[]>();

/** Records the blocks a `reasoning` input item's `encrypted_content` opened to. */
export function attachOpenedThinking(item: object, blocks: ThinkingBlock[]): void {
  openedBlocks.set(item, blocks);
}

/** The blocks the route opened for this input item, if any. */
export function openedThinkingOf(item: object): ThinkingBlock[] | undefined {
  return openedBlocks.get(item);
}

/** Whether the client asked for `reasoning.encrypted_content` in `include`. */
export function includesEncryptedReasoning(request: JsonObject): boolean {
  return Array.isArray(request.include) && request.include.includes('reasoning.encrypted_content');
}

/**
 * Whether a translated answer keeps the blocks on its reasoning items (as `thinking_blocks`, for the
 * route to seal): when the response is stored, or the client asked for them encrypted. Otherwise
 * they are left out, and nothing needs sealing.
 */
export function keepsThinkingBlocks(request: JsonObject): boolean {
  return request.store !== false || includesEncryptedReasoning(request);
}
