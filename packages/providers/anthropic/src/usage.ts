import type { OpenAIUsage } from '@ai-gateway/provider-utils';
import type { AnthropicUsage } from './anthropic-types.js';

/**
 * Anthropic's usage as OpenAI's. Anthropic's `input_tokens` counts only the uncached part of the
 * prompt, while OpenAI's `prompt_tokens` counts all of it, so cache reads and cache writes are added
 * back; cache reads are also reported as `prompt_tokens_details.cached_tokens`.
 * https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function toOpenAIUsage(usage: AnthropicUsage | undefined): OpenAIUsage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const promptTokens = (usage?.input_tokens ?? 0) + cacheRead + (usage?.cache_creation_input_tokens ?? 0);
  const completionTokens = usage?.output_tokens ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cacheRead },
  };
}
