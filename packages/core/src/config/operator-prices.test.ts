import { describe, expect, it } from 'vitest';
import { parseServerConfig } from './server-config.js';

describe('config file: prices', () => {
  it('reads the operator prices', () => {
    const config = parseServerConfig({ prices: { 'openai/gpt-4o': { input: 2.5, output: 10, cached_input: 1.25 }, 'openrouter/openai/gpt-4o': { input: 2.5, output: 10, reasoning: 10 } } }, {});
    expect(config.prices).toEqual({ 'openai/gpt-4o': { input: 2.5, output: 10, cached_input: 1.25 }, 'openrouter/openai/gpt-4o': { input: 2.5, output: 10, reasoning: 10 } });
  });

  it('has no prices when the file has none', () => {
    expect(parseServerConfig({ configs: {} }, {}).prices).toBeUndefined();
  });

  it.each([
    [[], `'prices' must be an object`],
    [{ 'gpt-4o': { input: 1, output: 2 } }, `'prices["gpt-4o"]': a price is named "provider/model"`],
    [{ 'openai/gpt-4o': 2.5 }, `'prices["openai/gpt-4o"]': expected an object`],
    [{ 'openai/gpt-4o': { input: 2.5 } }, `'prices["openai/gpt-4o"].output': is required`],
    [{ 'openai/gpt-4o': { input: 2.5, output: '10' } }, `'prices["openai/gpt-4o"].output': expected a number`],
    [{ 'openai/gpt-3.5-turbo': { input: -1, output: 2 } }, `'prices["openai/gpt-3.5-turbo"].input': a price is 0 or more`],
    [{ 'openai/gpt-4o': { input: 2.5, output: 10, cache_read: 1 } }, `'prices["openai/gpt-4o"].cache_read': unknown field`],
  ])('refuses %j, naming the field', (prices, message) => {
    expect(() => parseServerConfig({ prices }, {})).toThrow(`[ai-gateway] config file: ${message}`);
  });
});
