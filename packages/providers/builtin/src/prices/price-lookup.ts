/**
 * The gateway's price lookup from @pydantic/genai-prices, a maintained dataset of model prices
 * (cache reads, long-context tiers, off-peak hours, prices that changed on a date). Finding a
 * model in the dataset walks every matcher of its provider, so each provider/model pair is
 * resolved once and kept, bounded, since the models come from requests.
 */
import { calcPrice } from '@pydantic/genai-prices';
import type { PriceLookupV1, TokenUsageV1 } from '@ai-gateway/spec';
import { datasetModel } from './dataset-model.js';
import { modelPricing, type CountedUsage, type ModelPricing } from './model-pricing.js';

export interface PriceLookupOptions {
  /** How many provider/model pairs to remember; 1024 by default. */
  maxRememberedModels?: number;
}

/**
 * A `PriceLookupV1` over the genai-prices dataset bundled with this package. Cached input tokens
 * are priced at the model's cache-read price and reasoning tokens at its reasoning price where the
 * dataset has them, else as plain input and output tokens (which is how OpenAI, Anthropic and
 * Google bill reasoning). A model the dataset does not know gives null.
 *
 * @example
 * import { createPriceLookup } from '@ai-gateway/providers/prices';
 * const priceLookup = createPriceLookup();
 * priceLookup('openai', 'gpt-4o', { input: 1200, output: 300, cached: 1024, reasoning: null }, Date.now());
 */
export function createPriceLookup(options: PriceLookupOptions = {}): PriceLookupV1 {
  const maxRemembered = options.maxRememberedModels ?? 1024;
  const remembered = new Map<string, ModelPricing | null>();

  function pricingOf(provider: string, model: string): ModelPricing | null {
    const key = `${provider}\u0000${model}`;
    const known = remembered.get(key);
    if (known !== undefined) return known;
    const found = findPricing(provider, model);
    if (remembered.size >= maxRemembered) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, found);
    return found;
  }

  return (provider, model, tokens, time) => {
    const usage = countedUsage(tokens);
    if (!usage) return null;
    const pricing = pricingOf(provider, model);
    if (!pricing) return null;
    try {
      return pricing(usage, Number.isFinite(time) ? time : Date.now());
    } catch {
      // The dataset refuses usage or prices it finds inconsistent: an unknown cost beats a wrong one.
      return null;
    }
  };
}

function findPricing(provider: string, model: string): ModelPricing | null {
  const wanted = datasetModel(provider, model);
  if (!wanted) return null;
  try {
    const found = calcPrice({}, wanted.model, { providerId: wanted.provider });
    // The dataset matches provider ids loosely (`my-openai-proxy` would find `openai`); only its own id counts.
    if (!found || found.provider.id !== wanted.provider) return null;
    return modelPricing(found.provider, found.model);
  } catch {
    return null;
  }
}

/**
 * `TokenUsageV1` in the dataset's terms. Both count cached tokens inside the input and reasoning
 * tokens inside the output, so the parts are passed as they are and priced apart from the rest; a
 * part larger than its whole is cut to it. Null when the answer gave no counts at all.
 */
function countedUsage(tokens: TokenUsageV1): CountedUsage | null {
  if (tokens.input === null && tokens.output === null) return null;
  const input = Math.max(0, tokens.input ?? 0);
  const output = Math.max(0, tokens.output ?? 0);
  const usage: CountedUsage = { input_tokens: input, output_tokens: output };
  const cached = Math.min(input, tokens.cached ?? 0);
  if (cached > 0) usage.cache_read_tokens = cached;
  const reasoning = Math.min(output, tokens.reasoning ?? 0);
  if (reasoning > 0) usage.output_reasoning_tokens = reasoning;
  return usage;
}
