/**
 * Gemini `usageMetadata` -> OpenAI `usage`.
 * Fields: https://ai.google.dev/api/generate-content#UsageMetadata
 *
 * OpenAI counts reasoning inside `completion_tokens` and cached tokens inside `prompt_tokens`;
 * Gemini counts thoughts apart from the candidates and cached tokens inside the prompt, and
 * reports tool-use prompt tokens apart. Adding them the OpenAI way keeps `total_tokens` equal to
 * Gemini's `totalTokenCount` and to prompt + completion.
 */
import type { OpenAIUsage } from '@ai-gateway/provider-utils';
import type { GeminiUsageMetadata } from './gemini-types.js';

export interface GeminiOpenAIUsage extends OpenAIUsage {
  completion_tokens_details?: { reasoning_tokens: number };
}

export function mapGeminiUsage(metadata: GeminiUsageMetadata | undefined): GeminiOpenAIUsage {
  const promptTokens = (metadata?.promptTokenCount ?? 0) + (metadata?.toolUsePromptTokenCount ?? 0);
  const reasoningTokens = metadata?.thoughtsTokenCount ?? 0;
  const completionTokens = (metadata?.candidatesTokenCount ?? 0) + reasoningTokens;
  const usage: GeminiOpenAIUsage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  if (metadata?.cachedContentTokenCount !== undefined) usage.prompt_tokens_details = { cached_tokens: metadata.cachedContentTokenCount };
  if (reasoningTokens > 0) usage.completion_tokens_details = { reasoning_tokens: reasoningTokens };
  return usage;
}
