import type { PriceLookupV1, TokenUsageV1 } from '@ai-gateway/spec';
import { describe, expect, it } from 'vitest';
import { parsePriceOverrides } from '../config/operator-prices.js';
import { estimateCost } from './request-cost.js';

const usage = (input: number | null, output: number | null, cached: number | null = null, reasoning: number | null = null): TokenUsageV1 => ({ input, output, cached, reasoning });
const time = Date.parse('2026-01-15T12:00:00Z');
const overrides = parsePriceOverrides({
  'openai/gpt-4o': { input: 2, output: 8, cached_input: 0.5 },
  'openai/o3': { input: 2, output: 8, reasoning: 4 },
  'acme/my-model': { input: 1, output: 3 },
  'ollama/*': { input: 0, output: 0 },
});
/** A dataset that knows one model, gpt-4o, at $2.50 / $10 (cached input $1.25). */
const calls: Parameters<PriceLookupV1>[] = [];
const lookup: PriceLookupV1 = (...args) => {
  calls.push(args);
  const [provider, model, tokens] = args;
  if (provider !== 'openai' || !model.startsWith('gpt-4o')) return null;
  const input = tokens.input ?? 0;
  const cached = tokens.cached ?? 0;
  return ((input - cached) * 2.5 + cached * 1.25 + (tokens.output ?? 0) * 10) / 1_000_000;
};

describe('estimateCost', () => {
  it('takes the operator price over the dataset', () => {
    // 6,000 uncached input at $2, 4,000 cached at $0.50, 2,000 output at $8.
    expect(estimateCost('openai', 'gpt-4o', usage(10_000, 2_000, 4_000), time, overrides, lookup)).toBeCloseTo((6_000 * 2 + 4_000 * 0.5 + 2_000 * 8) / 1e6, 12);
  });

  it('prices a model only the operator knows', () => {
    expect(estimateCost('acme', 'my-model', usage(1_000_000, 1_000_000), time, overrides, lookup)).toBeCloseTo(4, 12);
    expect(estimateCost('acme', 'other-model', usage(1_000_000, 1_000_000), time, overrides, lookup)).toBeNull();
  });

  it('prices every model of a provider named `provider/*`, at 0 when the operator says so', () => {
    expect(estimateCost('ollama', 'llama3.1', usage(1_000, 1_000), time, overrides, lookup)).toBe(0);
  });

  it('prices cached input at the input price and reasoning at the output price when no price of their own is given', () => {
    expect(estimateCost('acme', 'my-model', usage(1_000_000, 1_000_000, 600_000, 400_000), time, overrides, lookup)).toBeCloseTo(4, 12);
    // o3 has a reasoning price: 600,000 output at $8 and 400,000 reasoning at $4, input at $2.
    expect(estimateCost('openai', 'o3', usage(1_000_000, 1_000_000, null, 400_000), time, overrides, lookup)).toBeCloseTo(2 + 4.8 + 1.6, 12);
  });

  it('asks the dataset for the models the operator did not price, with the request time', () => {
    calls.length = 0;
    expect(estimateCost('openai', 'gpt-4o-mini', usage(1_000_000, 0, 1_000_000), time, overrides, lookup)).toBeCloseTo(1.25, 12);
    expect(calls).toEqual([['openai', 'gpt-4o-mini', usage(1_000_000, 0, 1_000_000), time]]);
  });

  it('is null, not 0, when no price is known', () => {
    expect(estimateCost('openai', 'gpt-unknown', usage(1_000, 1_000), time, overrides, lookup)).toBeNull();
    expect(estimateCost('openai', 'gpt-4o-mini', usage(1_000, 1_000), time, undefined, undefined)).toBeNull();
    expect(estimateCost('openai', null, usage(1_000, 1_000), time, overrides, lookup)).toBeNull();
  });

  it('is null when the answer counted no tokens', () => {
    expect(estimateCost('openai', 'gpt-4o', usage(null, null), time, overrides, lookup)).toBeNull();
  });

  it('is null when the lookup throws or answers nonsense, so the record is still written', () => {
    const throwing: PriceLookupV1 = () => {
      throw new Error('dataset broken');
    };
    expect(estimateCost('openai', 'gpt-4o-mini', usage(1_000, 1_000), time, undefined, throwing)).toBeNull();
    expect(estimateCost('openai', 'gpt-4o-mini', usage(1_000, 1_000), time, undefined, () => Number.NaN)).toBeNull();
    expect(estimateCost('openai', 'gpt-4o-mini', usage(1_000, 1_000), time, undefined, () => undefined)).toBeNull();
  });

  it('never prices a token twice when a provider reports more cached tokens than input', () => {
    expect(estimateCost('openai', 'gpt-4o', usage(1_000, 0, 5_000), time, overrides, lookup)).toBeCloseTo((1_000 * 0.5) / 1e6, 12);
  });
});
