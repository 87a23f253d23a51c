import { describe, expect, it } from 'vitest';
import { characterCount, sentenceCount, wordCount } from './counts.js';
import { countCharacters, countSentences, countWords } from './text-measures.js';
import { runCheck } from '../../test/text-context.js';

describe('counting', () => {
  it('counts words as runs between white space, Unicode white space included', () => {
    expect(countWords('This is a sentence with 7 words.')).toBe(7);
    expect(countWords('  leading and trailing  \n')).toBe(3);
    expect(countWords('a\u00a0b\u3000c\td')).toBe(4);
    expect(countWords('')).toBe(0);
    expect(countWords(' \n\t ')).toBe(0);
    expect(countWords('日本語の文章')).toBe(1);
  });

  it('counts sentences by their ends, not by every full stop', () => {
    expect(countSentences('This is a sentence. This is another sentence.')).toBe(2);
    expect(countSentences('Hello')).toBe(1);
    expect(countSentences('Pi is 3.14 or so.')).toBe(1);
    expect(countSentences('Wait... what?! Really')).toBe(3);
    expect(countSentences('"Stop." He left.')).toBe(2);
    expect(countSentences('你好。再见！')).toBe(2);
    expect(countSentences('...')).toBe(0);
    expect(countSentences('')).toBe(0);
  });

  it('counts characters as code points', () => {
    expect(countCharacters('This is a test.')).toBe(15);
    expect(countCharacters('👍👍')).toBe(2);
    expect(countCharacters('café')).toBe(4);
    expect(countCharacters('   \n\t   ')).toBe(8);
    expect(countCharacters('')).toBe(0);
  });
});

describe('default.wordCount', () => {
  it('passes within the range, both ends included', async () => {
    const text = 'one two three four five';
    expect(await runCheck(wordCount, text, { minWords: 5, maxWords: 8 })).toEqual({ verdict: true, data: { wordCount: 5, minWords: 5, maxWords: 8, inRange: true, not: false } });
    expect((await runCheck(wordCount, text, { minWords: 1, maxWords: 5 })).verdict).toBe(true);
    expect((await runCheck(wordCount, text, { minWords: 6, maxWords: 10 })).verdict).toBe(false);
    expect((await runCheck(wordCount, text, { minWords: 1, maxWords: 4 })).verdict).toBe(false);
  });

  it('takes one end alone, and `not: true` passes only outside the range', async () => {
    expect(await runCheck(wordCount, 'word '.repeat(50), { minWords: 40 })).toMatchObject({ verdict: true, data: { wordCount: 50, maxWords: null } });
    expect((await runCheck(wordCount, 'a b c', { maxWords: 2 })).verdict).toBe(false);
    expect((await runCheck(wordCount, 'a b c', { maxWords: 2, not: true })).verdict).toBe(true);
    expect((await runCheck(wordCount, 'a b', { maxWords: 2, not: true })).verdict).toBe(false);
  });

  it('counts empty text as 0 words instead of failing with an error', async () => {
    expect(await runCheck(wordCount, '', { minWords: 0, maxWords: 3 })).toMatchObject({ verdict: true, data: { wordCount: 0 } });
    expect((await runCheck(wordCount, '   \n\t   ', { minWords: 1, maxWords: 10 })).verdict).toBe(false);
  });

  it('validates: whole numbers, at least one end, minimum not above maximum, nothing else', () => {
    expect(wordCount.validate!({})).toMatch(/'minWords' or 'maxWords' is required/);
    expect(wordCount.validate!({ minWords: 'invalid', maxWords: 5 })).toMatch(/'minWords' must be a whole number/);
    expect(wordCount.validate!({ minWords: 1.5 })).toMatch(/'minWords' must be a whole number/);
    expect(wordCount.validate!({ maxWords: -1 })).toMatch(/'maxWords' must be a whole number of at least 0/);
    expect(wordCount.validate!({ minWords: 10, maxWords: 5 })).toMatch(/'minWords' \(10\) must not be above 'maxWords' \(5\)/);
    expect(wordCount.validate!({ minWords: 1, not: 1 })).toMatch(/'not' must be true or false/);
    expect(wordCount.validate!({ minWords: 1, maxSentences: 2 })).toMatch(/unknown parameter 'maxSentences'/);
    expect(wordCount.validate!({ minWords: 0, maxWords: 99999, not: false })).toBeUndefined();
  });
});

describe('default.sentenceCount', () => {
  it('passes within the range, both ends included, and inverts with `not`', async () => {
    const text = 'This is a sentence. This is another sentence.';
    expect(await runCheck(sentenceCount, text, { minSentences: 1, maxSentences: 2 })).toEqual({
      verdict: true,
      data: { sentenceCount: 2, minSentences: 1, maxSentences: 2, inRange: true, not: false },
    });
    expect((await runCheck(sentenceCount, text, { minSentences: 3, maxSentences: 4 })).verdict).toBe(false);
    expect((await runCheck(sentenceCount, text, { minSentences: 3, maxSentences: 4, not: true })).verdict).toBe(true);
    expect((await runCheck(sentenceCount, '', { minSentences: 1 })).verdict).toBe(false);
  });

  it('validates its own parameter names', () => {
    expect(sentenceCount.validate!({ minWords: 1 })).toMatch(/unknown parameter 'minWords'; this check takes 'minSentences', 'maxSentences', 'not'/);
    expect(sentenceCount.validate!({ minSentences: 4, maxSentences: 3 })).toMatch(/'minSentences' \(4\) must not be above 'maxSentences' \(3\)/);
  });
});

describe('default.characterCount', () => {
  it('passes within the range, both ends included, white space counted', async () => {
    expect(await runCheck(characterCount, 'This is a test.', { minCharacters: 10, maxCharacters: 15 })).toMatchObject({ verdict: true, data: { characterCount: 15 } });
    expect((await runCheck(characterCount, 'This is a very long test that exceeds the limit.', { minCharacters: 10, maxCharacters: 20 })).verdict).toBe(false);
    expect((await runCheck(characterCount, '   \n\t   ', { minCharacters: 8, maxCharacters: 8 })).verdict).toBe(true);
  });

  it('counts an emoji once', async () => {
    expect((await runCheck(characterCount, '👍👍👍', { maxCharacters: 3 })).verdict).toBe(true);
    expect((await runCheck(characterCount, '👍👍👍', { maxCharacters: 2, not: true })).verdict).toBe(true);
  });

  it('validates its own parameter names', () => {
    expect(characterCount.validate!({ minCharacters: 'ten' })).toMatch(/'minCharacters' must be a whole number/);
    expect(characterCount.validate!({ maxCharacters: 9999999 })).toBeUndefined();
  });
});
