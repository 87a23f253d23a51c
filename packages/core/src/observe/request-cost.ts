/**
 * What a request cost, for its log record: the operator's price for the model first (config
 * file `prices`), then the runtime's price lookup (a maintained dataset), else null. Null is "not
 * known", never 0: a model priced at nothing is priced so by the operator or the dataset.
 */
import type { PriceLookupV1, TokenUsageV1 } from '@ai-gateway/spec';
import { findOperatorPrice, type OperatorPrice, type PriceOverrides } from '../config/operator-prices.js';

/**
 * The estimated cost in US dollars of `tokens` on `model` at `provider`, at `time` (milliseconds
 * since the Unix epoch; prices change over time and some by the hour). `tokens.cached` is part of
 * `tokens.input` and `tokens.reasoning` part of `tokens.output`, so each token is priced once.
 * Null when the answer counted no tokens or no price is known. A lookup that throws counts as no
 * price: the record is written all the same.
 *
 * @example
 * estimateCost('openai', 'gpt-4o', record.tokens, record.started_at, serverConfig.prices, priceLookup);
 */
export function estimateCost(
  provider: string,
  model: string | null,
  tokens: TokenUsageV1,
  time: number,
  overrides: PriceOverrides | undefined,
  lookup: PriceLookupV1 | undefined,
): number | null {
  if (tokens.input === null && tokens.output === null) return null;
  const own = overrides && findOperatorPrice(overrides, provider, model);
  if (own) return operatorCost(own, tokens);
  if (!lookup || model === null) return null;
  try {
    const cost = lookup(provider, model, tokens, time);
    return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : null;
  } catch {
    return null;
  }
}

/** A part larger than its whole (a provider's miscount) is cut to it, so no token is priced twice. */
function operatorCost(price: OperatorPrice, tokens: TokenUsageV1): number {
  const input = Math.max(0, tokens.input ?? 0);
  const output = Math.max(0, tokens.output ?? 0);
  const cached = Math.min(input, Math.max(0, tokens.cached ?? 0));
  const reasoning = Math.min(output, Math.max(0, tokens.reasoning ?? 0));
  const perMillion =
    (input - cached) * price.input +
    cached * (price.cached_input ?? price.input) +
    (output - reasoning) * price.output +
    reasoning * (price.reasoning ?? price.output);
  return perMillion / 1_000_000;
}
