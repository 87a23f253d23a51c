import { describe, expect, it } from 'vitest';
import { notNull } from './not-null.js';
import { runCheck } from '../../test/text-context.js';

describe('default.notNull', () => {
  it('passes when the text holds something besides white space', async () => {
    expect(await runCheck(notNull, 'Hello', {})).toEqual({ verdict: true, data: { not: false, empty: false, characters: 5 } });
    expect((await runCheck(notNull, '👍', {})).verdict).toBe(true);
  });

  it('fails on an empty answer, or one of white space only', async () => {
    expect(await runCheck(notNull, '', {})).toMatchObject({ verdict: false, data: { empty: true } });
    expect((await runCheck(notNull, ' \n\t\u00a0', {})).verdict).toBe(false);
  });

  it('judges the request side too, and `not: true` passes only empty text', async () => {
    expect((await runCheck(notNull, '   ', {}, { eventType: 'beforeRequestHook' })).verdict).toBe(false);
    expect((await runCheck(notNull, '', { not: true })).verdict).toBe(true);
    expect((await runCheck(notNull, 'x', { not: true })).verdict).toBe(false);
  });

  it('validates: only `not`, true or false', () => {
    expect(notNull.validate!({})).toBeUndefined();
    expect(notNull.validate!({ not: 1 })).toMatch(/'not' must be true or false/);
    expect(notNull.validate!({ words: ['a'] })).toMatch(/unknown parameter 'words'/);
  });
});
