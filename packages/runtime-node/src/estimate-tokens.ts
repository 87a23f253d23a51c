/**
 * The tokenizer behind the gateway's own token counts (`/v1/messages/count_tokens` to a provider
 * with no counting API): gpt-tokenizer's o200k_base, the vocabulary of OpenAI's current models,
 * in plain JavaScript. It is about 2 MB, so it is loaded on the first count, not at start-up.
 */
import type { TokenEstimator } from '@ai-gateway/core';

let loading: Promise<(text: string) => number> | undefined;

export const estimateTokens: TokenEstimator = async (text) => {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then((encoding) => encoding.countTokens);
  const countTokens = await loading;
  return countTokens(text);
};
