/**
 * The tokenizer behind the gateway's own token counts (`/v1/messages/count_tokens` to a provider
 * with no counting API), for `GatewayOptions.estimateTokens`: gpt-tokenizer's o200k_base, the
 * vocabulary of OpenAI's current models, in plain JavaScript. The Node and Bun runtimes give it.
 * It is about 2 MB, so it is loaded on the first count, not at start-up, and it has an entry of its
 * own (`@ai-gateway/providers/estimate-tokens`): core stays free of it, and a bundle of the
 * providers alone (the Worker) does not take it in.
 *
 * @example
 * import { estimateTokens } from '@ai-gateway/providers/estimate-tokens';
 * createGateway({ providers: builtinProviders, estimateTokens });
 */

let loading: Promise<(text: string) => number> | undefined;

/** Counts `text` with o200k_base; the first call loads the vocabulary. */
export async function estimateTokens(text: string): Promise<number> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then((encoding) => encoding.countTokens);
  const countTokens = await loading;
  return countTokens(text);
}
