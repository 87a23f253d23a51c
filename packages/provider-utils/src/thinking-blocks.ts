/**
 * Signed reasoning in chat completions. Anthropic (and Claude on Vertex and Bedrock) signs each
 * `thinking` block and encrypts `redacted_thinking` ones; a later turn must send them back
 * untouched, and with tools it must (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks).
 * OpenAI's chat format has no place for them, so chat messages carry them in `thinking_blocks`,
 * the name OpenAI-compatible servers such as LiteLLM use: on an answer's message, in a stream
 * (each block whole, in one delta, once it has ended) and on an assistant message of a request.
 */
import { invalidRequest } from './errors.js';

export type ThinkingBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

/** The `thinking_blocks` of a request's assistant message, checked; a 400 naming `param` for any malformed block. */
export function readThinkingBlocks(value: unknown, param: string): ThinkingBlock[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidRequest('thinking_blocks must be an array of thinking and redacted_thinking blocks.', param);
  return value.map((block: Record<string, unknown> | null, index) => {
    if (block?.type === 'thinking' && typeof block.thinking === 'string' && typeof block.signature === 'string') {
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    }
    if (block?.type === 'redacted_thinking' && typeof block.data === 'string') return { type: 'redacted_thinking', data: block.data };
    throw invalidRequest('A thinking block needs type thinking with thinking and signature strings, or type redacted_thinking with data.', `${param}[${index}]`);
  });
}
