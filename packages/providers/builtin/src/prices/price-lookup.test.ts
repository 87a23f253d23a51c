/**
 * Costs from the genai-prices dataset as the providers bill them. The expected figures are the
 * providers' published prices for dated models (USD per million tokens), so a dataset update that
 * changed one of them would show here.
 */
import { calcPrice, findProvider } from '@pydantic/genai-prices';
import type { TokenUsageV1 } from '@ai-gateway/spec';
import { describe, expect, it } from 'vitest';
import { createPriceLookup } from './price-lookup.js';

const lookup = createPriceLookup();
const now = Date.parse('2026-01-15T20:00:00Z');
const usage = (input: number | null, output: number | null, cached: number | null = null, reasoning: number | null = null): TokenUsageV1 => ({ input, output, cached, reasoning });
/** Dollars from token counts and per-million prices. */
const dollars = (...parts: [tokens: number, perMillion: number][]) => parts.reduce((sum, [tokens, price]) => sum + (tokens * price) / 1_000_000, 0);

describe('createPriceLookup: OpenAI', () => {
  it('prices cached input at the cached-input price and the rest of the input at the input price', () => {
    // gpt-4o-2024-08-06: $2.50 input, $1.25 cached input, $10 output.
    const cost = lookup('openai', 'gpt-4o-2024-08-06', usage(10_000, 2_000, 4_000), now);
    expect(cost).toBeCloseTo(dollars([6_000, 2.5], [4_000, 1.25], [2_000, 10]), 12);
  });

  it('prices reasoning tokens as the output tokens they are part of, once', () => {
    // o1: $15 input, $60 output; 4,000 of the 5,000 output tokens were reasoning.
    const cost = lookup('openai', 'o1', usage(1_000, 5_000, 0, 4_000), now);
    expect(cost).toBeCloseTo(dollars([1_000, 15], [5_000, 60]), 12);
  });
});

describe('createPriceLookup: Anthropic', () => {
  it('prices cache reads at a tenth of the input price', () => {
    // claude-3-5-sonnet-20241022: $3 input, $0.30 cache read, $15 output; 8,000 of 10,000 input tokens read from the cache.
    const cost = lookup('anthropic', 'claude-3-5-sonnet-20241022', usage(10_000, 1_000, 8_000), now);
    expect(cost).toBeCloseTo(dollars([2_000, 3], [8_000, 0.3], [1_000, 15]), 12);
  });

  it('prices extended thinking as output', () => {
    const cost = lookup('anthropic', 'claude-3-7-sonnet-20250219', usage(1_000, 2_000, 0, 1_500), now);
    expect(cost).toBeCloseTo(dollars([1_000, 3], [2_000, 15]), 12);
  });

  it('prices a long prompt at the long-context tier', () => {
    // claude-sonnet-4-5: $3 / $15 up to 200k input tokens, $6 / $22.50 beyond.
    expect(lookup('anthropic', 'claude-sonnet-4-5-20250929', usage(100_000, 1_000), now)).toBeCloseTo(dollars([100_000, 3], [1_000, 15]), 12);
    expect(lookup('anthropic', 'claude-sonnet-4-5-20250929', usage(300_000, 1_000), now)).toBeCloseTo(dollars([300_000, 6], [1_000, 22.5]), 12);
  });
});

describe('createPriceLookup: Gemini', () => {
  it('prices cached content and thoughts as Google does', () => {
    // gemini-2.5-flash: $0.30 input, $0.03 cached, $2.50 output (thinking included).
    const expected = dollars([5_000, 0.3], [5_000, 0.03], [4_000, 2.5]);
    expect(lookup('google', 'gemini-2.5-flash', usage(10_000, 4_000, 5_000, 3_000), now)).toBeCloseTo(expected, 12);
    expect(lookup('google', 'models/gemini-2.5-flash', usage(10_000, 4_000, 5_000, 3_000), now)).toBeCloseTo(expected, 12);
    expect(lookup('vertex-ai', 'gemini-2.5-flash', usage(10_000, 4_000, 5_000, 3_000), now)).toBeCloseTo(expected, 12);
    expect(lookup('vertex-ai', 'google.gemini-2.5-flash', usage(10_000, 4_000, 5_000, 3_000), now)).toBeCloseTo(expected, 12);
  });
});

describe('createPriceLookup: Bedrock and Vertex model ids', () => {
  // Claude 3.5 Sonnet v2 costs the same on Anthropic, Bedrock and Vertex: $3 / $0.30 cache read / $15.
  const expected = dollars([2_000, 3], [8_000, 0.3], [1_000, 15]);
  const tokens = usage(10_000, 1_000, 8_000);

  it.each([
    'anthropic.claude-3-5-sonnet-20241022-v2:0',
    'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
    'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0',
    'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0',
  ])('Bedrock %s', (model) => {
    expect(lookup('bedrock', model, tokens, now)).toBeCloseTo(expected, 12);
  });

  it.each(['claude-3-5-sonnet-v2@20241022', 'anthropic.claude-3-5-sonnet-v2@20241022'])('Vertex %s', (model) => {
    expect(lookup('vertex-ai', model, tokens, now)).toBeCloseTo(expected, 12);
  });

  it('Bedrock Claude Sonnet 4.5: the global profile at $3, in-region and geographic ones 10% above', () => {
    const oneMillionIn = usage(1_000_000, 0);
    expect(lookup('bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', oneMillionIn, now)).toBeCloseTo(3, 12);
    expect(lookup('bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', oneMillionIn, now)).toBeCloseTo(3.3, 12);
    expect(lookup('bedrock', 'anthropic.claude-sonnet-4-5-20250929-v1:0', oneMillionIn, now)).toBeCloseTo(3.3, 12);
    expect(lookup('bedrock', 'arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0', oneMillionIn, now)).toBeCloseTo(3.3, 12);
  });

  it('Bedrock Nova, with its own cache-read price', () => {
    // amazon.nova-pro-v1:0: $0.80 input, $0.20 cache read, $3.20 output.
    expect(lookup('bedrock', 'amazon.nova-pro-v1:0', usage(10_000, 1_000, 8_000), now)).toBeCloseTo(dollars([2_000, 0.8], [8_000, 0.2], [1_000, 3.2]), 12);
  });
});

describe('createPriceLookup: provider ids', () => {
  it.each([
    ['azure-openai', 'gpt-4o-2024-08-06'],
    ['mistral-ai', 'mistral-large-latest'],
    ['together-ai', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
    ['fireworks-ai', 'accounts/fireworks/models/llama-v3p1-8b-instruct'],
    ['perplexity-ai', 'sonar'],
    ['x-ai', 'grok-3'],
    ['groq', 'llama-3.3-70b-versatile'],
    ['deepseek', 'deepseek-chat'],
    ['cohere', 'command-r-plus'],
    ['openrouter', 'openai/gpt-4o'],
    ['huggingface', 'meta-llama/Llama-3.3-70B-Instruct:novita'],
  ])('%s prices %s', (provider, model) => {
    expect(lookup(provider, model, usage(1_000, 1_000), now)).toBeGreaterThan(0);
  });

  it('gives null, never 0, for a model or provider the dataset does not know', () => {
    expect(lookup('openai', 'gpt-from-the-future', usage(1_000, 1_000), now)).toBeNull();
    expect(lookup('ollama', 'llama3.1', usage(1_000, 1_000), now)).toBeNull();
    expect(lookup('azure-openai', 'my-deployment', usage(1_000, 1_000), now)).toBeNull();
    // The dataset alone would match this id to OpenAI; a proxy's prices are not OpenAI's.
    expect(lookup('my-openai-proxy', 'gpt-4o', usage(1_000, 1_000), now)).toBeNull();
    expect(lookup('huggingface', 'meta-llama/Llama-3.3-70B-Instruct', usage(1_000, 1_000), now)).toBeNull();
  });

  it('gives null when the answer counted no tokens', () => {
    expect(lookup('openai', 'gpt-4o', usage(null, null), now)).toBeNull();
  });

  it('prices an answer with input tokens only (embeddings)', () => {
    expect(lookup('openai', 'text-embedding-3-small', usage(1_000_000, null), now)).toBeCloseTo(0.02, 12);
  });
});

describe('createPriceLookup: prices that change with time', () => {
  it('uses the price in force at the request time', () => {
    // ministral-8b-latest: $0.10 / $0.10 until 2025-12-02, $0.15 / $0.15 from then.
    expect(lookup('mistral-ai', 'ministral-8b-latest', usage(1_000_000, 0), Date.parse('2025-11-01T00:00:00Z'))).toBeCloseTo(0.1, 12);
    expect(lookup('mistral-ai', 'ministral-8b-latest', usage(1_000_000, 0), Date.parse('2026-01-01T00:00:00Z'))).toBeCloseTo(0.15, 12);
  });

  it('uses off-peak prices in off-peak hours', () => {
    const peak = lookup('deepseek', 'deepseek-chat', usage(1_000_000, 0), Date.parse('2026-01-15T10:00:00Z'));
    const offPeak = lookup('deepseek', 'deepseek-chat', usage(1_000_000, 0), Date.parse('2026-01-15T20:00:00Z'));
    expect(offPeak).toBeLessThan(peak!);
  });
});

describe('createPriceLookup: agrees with the dataset', () => {
  // The remembered per-token rates must give what the dataset's own calculation gives, model by model.
  it.each(['openai', 'anthropic', 'google', 'aws', 'mistral', 'groq', 'x-ai', 'together'])('every %s model', (datasetProvider) => {
    const gatewayProvider = { aws: 'bedrock', mistral: 'mistral-ai', together: 'together-ai' }[datasetProvider] ?? datasetProvider;
    const tokens = usage(12_345, 6_789, 2_345, 1_234);
    const datasetUsage = { input_tokens: 12_345, output_tokens: 6_789, cache_read_tokens: 2_345, output_reasoning_tokens: 1_234 };
    let compared = 0;
    for (const model of findProvider({ providerId: datasetProvider })!.models) {
      const expected = calcPrice(datasetUsage, model.id, { providerId: datasetProvider, timestamp: new Date(now) });
      if (!expected || expected.model.id !== model.id) continue;
      expect(lookup(gatewayProvider, model.id, tokens, now), model.id).toBeCloseTo(expected.total_price, 12);
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });
});
