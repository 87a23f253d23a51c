/**
 * Converse usage -> OpenAI usage. Bedrock counts cache reads and writes apart from `inputTokens`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html); OpenAI's
 * `prompt_tokens` includes cached tokens and reports the cache hits in `cached_tokens`.
 */
import type { OpenAIUsage } from '@ai-gateway/provider-utils';

export interface ConverseUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export function mapUsage(usage: ConverseUsage | undefined): OpenAIUsage {
  const cacheRead = usage?.cacheReadInputTokens ?? 0;
  const promptTokens = (usage?.inputTokens ?? 0) + cacheRead + (usage?.cacheWriteInputTokens ?? 0);
  const completionTokens = usage?.outputTokens ?? 0;
  const mapped: OpenAIUsage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  if (usage?.cacheReadInputTokens !== undefined || usage?.cacheWriteInputTokens !== undefined) {
    mapped.prompt_tokens_details = { cached_tokens: cacheRead };
  }
  return mapped;
}
