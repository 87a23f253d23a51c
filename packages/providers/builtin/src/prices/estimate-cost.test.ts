/** Core's `estimateCost` with the dataset's lookup and an operator's config file, as a runtime wires them. */
import { estimateCost, parseServerConfig, type TokenUsageV1 } from '@ai-gateway/core';
import { describe, expect, it } from 'vitest';
import { createPriceLookup } from './price-lookup.js';

const lookup = createPriceLookup();
const time = Date.parse('2026-01-15T20:00:00Z');
const tokens: TokenUsageV1 = { input: 10_000, output: 2_000, cached: 4_000, reasoning: 1_000 };
const { prices } = parseServerConfig(
  {
    prices: {
      'openai/gpt-4o-2024-08-06': { input: 2, output: 8, cached_input: 0.5 },
      'acme/my-model': { input: 1, output: 3, reasoning: 2 },
    },
  },
  {},
);

describe('estimateCost with the price dataset and the config file', () => {
  it('takes the operator price over the dataset', () => {
    expect(estimateCost('openai', 'gpt-4o-2024-08-06', tokens, time, prices, lookup)).toBeCloseTo((6_000 * 2 + 4_000 * 0.5 + 2_000 * 8) / 1e6, 12);
  });

  it('prices a model the operator added', () => {
    expect(estimateCost('acme', 'my-model', tokens, time, prices, lookup)).toBeCloseTo((10_000 * 1 + 1_000 * 3 + 1_000 * 2) / 1e6, 12);
  });

  it('uses the dataset for the others: gpt-4o-2024-11-20 at $2.50 / $1.25 cached / $10', () => {
    expect(estimateCost('openai', 'gpt-4o-2024-11-20', tokens, time, prices, lookup)).toBeCloseTo((6_000 * 2.5 + 4_000 * 1.25 + 2_000 * 10) / 1e6, 12);
  });

  it('is null for a model neither knows', () => {
    expect(estimateCost('acme', 'other-model', tokens, time, prices, lookup)).toBeNull();
    expect(estimateCost('openai', 'gpt-from-the-future', tokens, time, prices, lookup)).toBeNull();
  });
});
