/** The runtimes' tokenizer for the gateway's own token counts: o200k_base, loaded on first use. */
import { describe, expect, it } from 'vitest';
import { estimateTokens } from './estimate-tokens.js';

describe('estimateTokens (gpt-tokenizer o200k_base)', () => {
  it('counts tokens as the o200k_base vocabulary does, not characters', async () => {
    expect(await estimateTokens('hello world')).toBe(2);
    expect(await estimateTokens('')).toBe(0);
  });
});
