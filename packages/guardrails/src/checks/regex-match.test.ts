import { describe, expect, it } from 'vitest';
import { maxPatternProgramSize, regexWorkPerCheck } from './linear-regex.js';
import { regexMatch } from './regex-match.js';
import { runCheck } from '../../test/text-context.js';

describe('default.regexMatch', () => {
  it('passes when the pattern matches somewhere, and says where', async () => {
    const result = await runCheck(regexMatch, 'The quick brown fox jumps over the lazy dog.', { rule: 'quick.*fox' });
    expect(result.verdict).toBe(true);
    expect(result.data).toEqual({ rule: 'quick.*fox', not: false, matched: true, match: { index: 4, length: 15 } });
  });

  it('fails when it does not match, and `not: true` inverts both ways', async () => {
    expect((await runCheck(regexMatch, 'The quick brown fox', { rule: 'zebra' })).verdict).toBe(false);
    expect((await runCheck(regexMatch, 'The quick brown fox', { rule: 'zebra', not: true })).verdict).toBe(true);
    expect((await runCheck(regexMatch, 'The quick brown fox', { rule: 'fox', not: true })).verdict).toBe(false);
  });

  it('does not echo the matched text (hook results reach the client)', async () => {
    const result = await runCheck(regexMatch, 'my key is sk-abc123def456', { rule: 'sk-[a-z0-9]+', not: true });
    expect(result.verdict).toBe(false);
    expect(JSON.stringify(result.data)).not.toContain('sk-abc123def456');
  });

  it('judges empty text like any other: only a pattern matching nothing passes', async () => {
    expect((await runCheck(regexMatch, '', { rule: '^$' })).verdict).toBe(true);
    expect((await runCheck(regexMatch, '', { rule: 'a' })).verdict).toBe(false);
  });

  it('matches Unicode text; positions are in JavaScript string units', async () => {
    const result = await runCheck(regexMatch, '👍 café', { rule: 'caf\\x{e9}' });
    expect(result.data).toMatchObject({ matched: true, match: { index: 3, length: 4 } });
    expect((await runCheck(regexMatch, 'Ελληνικά', { rule: '^\\p{Greek}+$' })).verdict).toBe(true);
  });

  it('reads JavaScript patterns: \\u escapes, named groups, and RE2 inline flags', async () => {
    expect((await runCheck(regexMatch, 'café', { rule: 'caf\\u00e9' })).verdict).toBe(true);
    expect((await runCheck(regexMatch, '2024-05-01', { rule: '(?<year>\\d{4})-(?<month>\\d{2})' })).verdict).toBe(true);
    expect((await runCheck(regexMatch, 'APPLE pie', { rule: '(?i)apple' })).verdict).toBe(true);
    expect((await runCheck(regexMatch, 'APPLE pie', { rule: 'apple' })).verdict).toBe(false);
  });

  it('runs a catastrophic-backtracking pattern in linear time', async () => {
    const text = `${'a'.repeat(50_000)}!`;
    const started = performance.now();
    const result = await runCheck(regexMatch, text, { rule: '^(a+)+$' });
    expect(result.verdict).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('throws rather than run past its work budget, without cutting the text', async () => {
    const rule = '(?i)[a-z]{1,100}x';
    const text = 'a'.repeat(regexWorkPerCheck / 100);
    await expect(runCheck(regexMatch, text, { rule })).rejects.toThrow(/too long for this check's patterns/);
    expect((await runCheck(regexMatch, 'a'.repeat(1_000), { rule })).verdict).toBe(false);
  });

  it('validates: rule required, a non-empty string, in RE2 syntax, not too complex', () => {
    expect(regexMatch.validate!({})).toMatch(/'rule'/);
    expect(regexMatch.validate!({ rule: '' })).toMatch(/'rule' must be a non-empty string/);
    expect(regexMatch.validate!({ rule: 42 })).toMatch(/'rule'/);
    expect(regexMatch.validate!({ rule: '(' })).toMatch(/'rule' is not a pattern the linear-time engine runs/);
    expect(regexMatch.validate!({ rule: 'foo(?=bar)' })).toMatch(/'rule' .*lookaround/);
    expect(regexMatch.validate!({ rule: '(a)\\1' })).toMatch(/'rule' .*backreferences/);
    expect(regexMatch.validate!({ rule: '(?<n>a)\\k<n>' })).toMatch(/'rule' .*backreferences/);
    expect(regexMatch.validate!({ rule: '(?i)a{1,999}b' })).toMatch(new RegExp(`'rule' is too complex .*at most ${maxPatternProgramSize}`));
    expect(regexMatch.validate!({ rule: 'x'.repeat(1_001) })).toMatch(/'rule' is longer than 1000 characters/);
    expect(regexMatch.validate!({ rule: 'a', not: 'yes' })).toMatch(/'not' must be true or false/);
    expect(regexMatch.validate!({ rule: 'a', flags: 'i' })).toMatch(/unknown parameter 'flags'/);
    expect(regexMatch.validate!({ rule: '\\d{3}-\\d{4}', not: true })).toBeUndefined();
  });
});
