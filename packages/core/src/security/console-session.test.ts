import { describe, expect, it } from 'vitest';
import { consoleSessionCookieName, consoleSessionSeconds, createConsoleSessions, sessionCookieValues, sessionSetCookie } from './console-session.js';

const now = Date.UTC(2025, 0, 1);

describe('console sessions', () => {
  it('accepts what it issued until it expires, on any instance with the same token', async () => {
    const session = await createConsoleSessions('token-a').issue(now);
    const elsewhere = createConsoleSessions('token-a');
    expect(await elsewhere.isValid(session, now)).toBe(true);
    expect(await elsewhere.isValid(session, now + consoleSessionSeconds * 1000 - 1)).toBe(true);
    expect(await elsewhere.isValid(session, now + consoleSessionSeconds * 1000)).toBe(false);
  });

  it('refuses a session of another token, and one altered in any part', async () => {
    const sessions = createConsoleSessions('token-a');
    const session = await sessions.issue(now);
    expect(await createConsoleSessions('token-b').isValid(session, now)).toBe(false);
    const [version, expiresAt, signature] = session.split('.');
    const later = String(Number(expiresAt) + 3_600_000);
    // The first character: the last one carries padding bits a decoder may ignore.
    const flipped = `${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    for (const altered of [`${version}.${later}.${signature}`, `${version}.${expiresAt}.${flipped}`, `v2.${expiresAt}.${signature}`, `${session}.x`, `${version}.${expiresAt}.!!!`, '', 'v1..']) {
      expect(await sessions.isValid(altered, now), altered).toBe(false);
    }
  });

  it('reads its cookie among others and writes it HttpOnly, SameSite=Strict, for 12 hours', () => {
    expect(sessionCookieValues(new Headers({ cookie: `other=1; ${consoleSessionCookieName}=v1.2.abc; ${consoleSessionCookieName}=second` }))).toEqual(['v1.2.abc', 'second']);
    expect(sessionCookieValues(new Headers())).toEqual([]);
    expect(sessionSetCookie('v1.2.abc', false)).toBe(`${consoleSessionCookieName}=v1.2.abc; HttpOnly; SameSite=Strict; Max-Age=43200`);
    expect(sessionSetCookie(undefined, true)).toBe(`${consoleSessionCookieName}=; HttpOnly; SameSite=Strict; Max-Age=0; Secure`);
  });
});
