/**
 * A format's token count for a target that has no counting API: the gateway counts the request's
 * text itself and marks the answer `x-ai-gateway-token-count: estimate`. The tokenizer comes from
 * the runtime (`GatewayOptions.estimateTokens`), so core's bundle carries no vocabulary; without
 * one, a count of characters stands in (about four to a token for English text and code).
 */
import type { IngressTokenCountV1 } from '@ai-gateway/spec';
import type { LocalAnswerAdapter } from '../upstream/local-answer.js';

/** Counts the tokens of a text; may load its vocabulary on first use. */
export type TokenEstimator = (text: string) => number | Promise<number>;

/** The response header that says how a count was made: `estimate` when the gateway made it. */
export const tokenCountHeader = 'x-ai-gateway-token-count';

/** The estimate when the runtime gives no tokenizer: one token per four characters, rounded up. */
export const estimateTokensByLength: TokenEstimator = (text) => Math.ceil(text.length / 4);

export function estimatedTokenCountAdapter(count: IngressTokenCountV1, estimate: TokenEstimator): LocalAnswerAdapter {
  return {
    path: '',
    async answerLocally(call) {
      const tokens = await estimate(count.textOf(call.body ?? {}));
      return {
        status: 200,
        headers: { 'content-type': 'application/json', [tokenCountHeader]: 'estimate' },
        body: JSON.stringify(count.answer(tokens)),
      };
    },
  };
}
