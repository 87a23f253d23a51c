import { describe, expect, it } from 'vitest';
import { endsWith } from './ends-with.js';
import { runCheck } from '../../test/text-context.js';

describe('default.endsWith', () => {
  it('passes when the text ends with the suffix, or with it and a full stop', async () => {
    expect(await runCheck(endsWith, 'This is a test ending with HarryPortkey', { suffix: 'HarryPortkey' })).toEqual({
      verdict: true,
      data: { suffix: 'HarryPortkey', not: false, endsWith: true },
    });
    expect((await runCheck(endsWith, 'This is a test ending with HarryPortkey.', { suffix: 'HarryPortkey' })).verdict).toBe(true);
    expect((await runCheck(endsWith, 'This is a test ending with something else', { suffix: 'HarryPortkey' })).verdict).toBe(false);
  });

  it('allows white space after it, and a suffix that is white space', async () => {
    expect((await runCheck(endsWith, 'Regards, Ada\n\n', { suffix: 'Ada' })).verdict).toBe(true);
    expect((await runCheck(endsWith, 'line\n', { suffix: '\n' })).verdict).toBe(true);
  });

  it('is case-sensitive, reads Unicode, and fails on empty text', async () => {
    expect((await runCheck(endsWith, 'Fin.', { suffix: 'fin' })).verdict).toBe(false);
    expect((await runCheck(endsWith, 'Merci 🙏', { suffix: '🙏' })).verdict).toBe(true);
    expect((await runCheck(endsWith, '', { suffix: 'x' })).verdict).toBe(false);
  });

  it('`not: true` passes only when it does not end so', async () => {
    expect((await runCheck(endsWith, 'Ends with DONE', { suffix: 'DONE', not: true })).verdict).toBe(false);
    expect((await runCheck(endsWith, 'Ends otherwise', { suffix: 'DONE', not: true })).verdict).toBe(true);
  });

  it('validates: suffix a non-empty string, nothing else', () => {
    expect(endsWith.validate!({})).toMatch(/'suffix' must be a non-empty string/);
    expect(endsWith.validate!({ suffix: '' })).toMatch(/'suffix' must be a non-empty string/);
    expect(endsWith.validate!({ suffix: 'x', prefix: 'y' })).toMatch(/unknown parameter 'prefix'/);
    expect(endsWith.validate!({ suffix: 'x', not: true })).toBeUndefined();
  });
});
