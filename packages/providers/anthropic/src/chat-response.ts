/**
 * An Anthropic Messages response as an OpenAI chat completion.
 * https://docs.anthropic.com/en/api/messages#response
 */
import { chatCompletionResponse, type ThinkingBlock } from '@ai-gateway/provider-utils';
import type { AnthropicMessagesResponse, AnthropicTextBlock, AnthropicToolUseBlock } from './anthropic-types.js';
import { toOpenAIFinishReason } from './finish-reason.js';
import { toOpenAIUsage } from './usage.js';

/**
 * Text blocks become `content` (joined), `tool_use` blocks become `tool_calls` with their input as
 * a JSON string, `thinking` blocks become `reasoning_content` (the field OpenAI-compatible servers
 * use for reasoning text), and `thinking` / `redacted_thinking` blocks with their signatures also
 * become `thinking_blocks`, for the next turn to send back. Server tool results are left out.
 */
export function fromAnthropicMessagesResponse(response: AnthropicMessagesResponse) {
  const blocks = Array.isArray(response.content) ? response.content : [];
  const text = blocks.filter((block): block is AnthropicTextBlock => block.type === 'text').map((block) => block.text).join('');
  const toolCalls = blocks
    .filter((block): block is AnthropicToolUseBlock => block.type === 'tool_use')
    .map((block) => ({ id: block.id, type: 'function' as const, function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } }));

  const reasoning = blocks.map((block) => (block.type === 'thinking' ? String((block as { thinking?: unknown }).thinking ?? '') : '')).join('');

  const thinkingBlocks: ThinkingBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'thinking') thinkingBlocks.push({ type: 'thinking', thinking: String(block.thinking ?? ''), signature: String(block.signature ?? '') });
    else if (block.type === 'redacted_thinking') thinkingBlocks.push({ type: 'redacted_thinking', data: String(block.data ?? '') });
  }

  const message: Record<string, unknown> = { content: text === '' && toolCalls.length > 0 ? null : text, refusal: null };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return chatCompletionResponse({
    id: response.id,
    model: response.model,
    message,
    finishReason: toOpenAIFinishReason(response.stop_reason),
    usage: toOpenAIUsage(response.usage),
  });
}
