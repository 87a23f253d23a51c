/** Claude Code's `count_tokens` for a provider with no counting API, asked of a running gateway. */
import Anthropic from '@anthropic-ai/sdk';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { expect } from 'vitest';

/** A text that o200k_base counts as 18 tokens and the four-characters rule as 21. */
const text = 'Tokenizers cut text into pieces: four characters a token is only a rule of thumb.';

/** Expects the gateway at `url` to count with gpt-tokenizer's o200k_base, marked as an estimate. */
export async function expectTokenizerCount(url: string): Promise<void> {
  expect(countTokens(text)).not.toBe(Math.ceil(text.length / 4));
  const client = new Anthropic({ authToken: 'sk-client-key', baseURL: url, maxRetries: 0, defaultHeaders: { 'x-portkey-provider': 'openai' } });
  const response = await client.messages.countTokens({ model: 'gpt-4.1', messages: [{ role: 'user', content: text }] }).withResponse();
  expect(response.response.headers.get('x-ai-gateway-token-count')).toBe('estimate');
  expect(response.data).toEqual({ input_tokens: countTokens(text) });
}
