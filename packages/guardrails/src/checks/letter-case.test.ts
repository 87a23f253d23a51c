import { describe, expect, it } from 'vitest';
import { allLowercase, allUppercase, lowercase, uppercase } from './letter-case.js';
import { runCheck } from '../../test/text-context.js';

describe('default.alluppercase', () => {
  it('passes when no letter is lowercase', async () => {
    expect(await runCheck(allUppercase, 'THIS IS ALL UPPERCASE TEXT!', {})).toEqual({ verdict: true, data: { not: false, uppercaseLetters: 22, lowercaseLetters: 0 } });
    expect(await runCheck(allUppercase, 'This Has Mixed Case.', {})).toMatchObject({ verdict: false, data: { lowercaseLetters: 12 } });
  });

  it('reads Unicode letters and ignores what has no case', async () => {
    expect((await runCheck(allUppercase, 'ÉCOLE ÜBER 東京 123 !@#', {})).verdict).toBe(true);
    expect((await runCheck(allUppercase, 'ÉCOLE école', {})).verdict).toBe(false);
    expect((await runCheck(allUppercase, '123 !@#$% 👍', {})).verdict).toBe(true);
    expect((await runCheck(allUppercase, '', {})).verdict).toBe(true);
  });

  it('`not: true` passes only when some letter is lowercase', async () => {
    expect((await runCheck(allUppercase, 'Mixed', { not: true })).verdict).toBe(true);
    expect((await runCheck(allUppercase, 'LOUD', { not: true })).verdict).toBe(false);
  });

  it('validates: only `not`, true or false', () => {
    expect(allUppercase.validate!({})).toBeUndefined();
    expect(allUppercase.validate!({ not: 'no' })).toMatch(/'not' must be true or false/);
    expect(allUppercase.validate!({ locale: 'tr' })).toMatch(/unknown parameter 'locale'; this check takes 'not'/);
  });
});

describe('default.alllowercase', () => {
  it('passes when no letter is uppercase', async () => {
    expect((await runCheck(allLowercase, 'this is all lowercase text!', {})).verdict).toBe(true);
    expect((await runCheck(allLowercase, 'This Has Mixed Case.', {})).verdict).toBe(false);
    expect((await runCheck(allLowercase, 'ǅemal', {})).verdict).toBe(false);
    expect((await runCheck(allLowercase, 'straße café', {})).verdict).toBe(true);
    expect((await runCheck(allLowercase, 'Shout', { not: true })).verdict).toBe(true);
  });
});

describe('default.uppercase and default.lowercase', () => {
  it('are the same checks under the shorter ids', async () => {
    expect([uppercase.id, lowercase.id]).toEqual(['default.uppercase', 'default.lowercase']);
    expect((await runCheck(uppercase, 'LOUD', {})).verdict).toBe(true);
    expect((await runCheck(lowercase, 'LOUD', {})).verdict).toBe(false);
  });
});
