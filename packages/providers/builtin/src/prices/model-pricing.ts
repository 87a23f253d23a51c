/**
 * How one model of the genai-prices dataset turns usage into US dollars. The dataset's own
 * `calcPrice` splits the usage into its parts and checks its price table on every call (about
 * 13 µs); most models have flat prices, so their four per-token rates are read once from it and a
 * cost is a sum of four products. Models whose price depends on the date, the time of day or the
 * prompt's length (tiers) keep going through `calcPrice`.
 */
import { calcPrice, type ModelInfo, type Provider, type Usage } from '@pydantic/genai-prices';

/** The usage parts the gateway counts, in the dataset's names. */
export interface CountedUsage extends Usage {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens?: number;
  output_reasoning_tokens?: number;
}

export type ModelPricing = (usage: CountedUsage, time: number) => number;

const million = 1_000_000;

/** The pricing of `model`, found at `provider` in the dataset. */
export function modelPricing(provider: Provider, model: ModelInfo): ModelPricing {
  const modelId = model.id.toLowerCase();
  // A provider of this one model, matched by its id: `calcPrice` then skips the search of the dataset.
  const single: Provider = { id: provider.id, name: provider.name, api_pattern: provider.api_pattern, models: [{ id: model.id, match: { equals: modelId }, prices: model.prices }] };
  const priceAt = (usage: Usage, time: number) => calcPrice(usage, modelId, { provider: single, timestamp: new Date(time) })?.total_price ?? 0;
  if (Array.isArray(model.prices) || Object.values(model.prices).some((price) => typeof price === 'object')) return priceAt;

  const now = Date.now();
  const fixed = priceAt({}, now);
  const input = priceAt({ input_tokens: million }, now) - fixed;
  const cached = priceAt({ input_tokens: million, cache_read_tokens: million }, now) - fixed;
  const output = priceAt({ output_tokens: million }, now) - fixed;
  const reasoning = priceAt({ output_tokens: million, output_reasoning_tokens: million }, now) - fixed;
  return (usage) => {
    const cachedTokens = usage.cache_read_tokens ?? 0;
    const reasoningTokens = usage.output_reasoning_tokens ?? 0;
    const perToken = (usage.input_tokens - cachedTokens) * input + cachedTokens * cached + (usage.output_tokens - reasoningTokens) * output + reasoningTokens * reasoning;
    return fixed + perToken / million;
  };
}
