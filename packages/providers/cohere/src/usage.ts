import type { OpenAIUsage } from '@ai-gateway/provider-utils';
import type { CohereUsage } from './cohere-types.js';

/**
 * Cohere reports `tokens` (what the model read and wrote, prompt template included) and
 * `billed_units` (what is charged). OpenAI's usage counts the former, so `tokens` wins and
 * `billed_units` is the fallback for answers without it.
 */
export function toOpenAIUsage(usage: CohereUsage | undefined): OpenAIUsage {
  const counts = usage?.tokens ?? usage?.billed_units;
  const promptTokens = counts?.input_tokens ?? 0;
  const completionTokens = counts?.output_tokens ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    ...(usage?.cached_tokens !== undefined ? { prompt_tokens_details: { cached_tokens: usage.cached_tokens } } : {}),
  };
}
