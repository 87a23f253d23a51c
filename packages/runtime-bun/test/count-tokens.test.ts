/**
 * The gateway's own token count on the real bun binary (`bun dist/server.js`): Claude Code's
 * `count_tokens` for a provider with no counting API is counted with gpt-tokenizer's o200k_base,
 * as on Node, not by the four-characters rule.
 */
import { describe, it } from 'vitest';
import { startBun } from './start-bun.js';
import { expectTokenizerCount } from './tokenizer-count.js';

describe('count_tokens on bun', () => {
  it('counts with o200k_base, marked as an estimate', async () => {
    const bun = await startBun();
    try {
      await expectTokenizerCount(bun.url);
    } finally {
      await bun.close();
    }
  });
});
