/**
 * The console of a Node gateway listening beyond loopback (`0.0.0.0`, reached through 127.0.0.1):
 * a browser without a session gets the login form, the admin token typed into it gives a session
 * cookie, and that cookie opens the console and its API until it expires, is altered, or the
 * token changes. The bearer token keeps working for scripts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleSessionCookieName, withFields } from '@ai-gateway/core';
import { recordingLogger } from '@ai-gateway/testing';
import { consoleFolder, readGatewayEnvironment, startGateway, type RunningGateway } from '../../src/index.js';

const adminToken = 'admin-token-5d2b8e1c9f';
const builtIndex = readFileSync(join(consoleFolder, 'index.html'), 'utf8');

const running: RunningGateway[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.close()));
});

/** A gateway on `host` with the operator's `environment`, as the `ai-gateway` command reads it; its origin through 127.0.0.1. */
async function start(environment: Record<string, string>, host = '0.0.0.0'): Promise<string> {
  const { gatewayOptions } = readGatewayEnvironment({ AI_GATEWAY_LOG_DB: 'off', ...environment });
  const gateway = await startGateway(withFields(gatewayOptions, { host, port: 0, logger: recordingLogger() }));
  running.push(gateway);
  return `http://127.0.0.1:${gateway.port}`;
}

function postLogin(origin: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}/public/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
    redirect: 'manual',
  });
}

/** Signs in with `token` and returns the cookie, as a browser would send it back. */
async function signIn(origin: string, token = adminToken): Promise<string> {
  const response = await postLogin(origin, new URLSearchParams({ token }).toString());
  expect(response.status).toBe(303);
  const [setCookie] = response.headers.getSetCookie();
  return setCookie!.split(';')[0]!;
}

function expectLoginForm(html: string, action = 'login'): void {
  expect(html).toMatch(new RegExp(`<form method="post" action="${action}">`));
  expect(html).toMatch(/<input[^>]* name="token" type="password"/);
  expect(html).not.toContain('<script');
}

describe('the console beyond loopback, with AI_GATEWAY_ADMIN_TOKEN set', () => {
  it('shows the login form, not the console, to a browser without a session', async () => {
    const origin = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken });
    const page = await fetch(`${origin}/public/`);
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expectLoginForm(html);
    expect(html).not.toBe(builtIndex);
    // A file in a sub-folder posts to the same login, one folder up.
    expectLoginForm(await (await fetch(`${origin}/public/assets/app.js`)).text(), '../login');
    expect((await fetch(`${origin}/public/api/logs`)).status).toBe(401);
  });

  it('refuses a wrong token with the form again, saying so, and gives no cookie', async () => {
    const origin = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken });
    for (const body of [`token=${adminToken}x`, 'token=', '', `other=${adminToken}`]) {
      const response = await postLogin(origin, body);
      expect(response.status, body).toBe(401);
      expect(response.headers.getSetCookie(), body).toEqual([]);
      const html = await response.text();
      expectLoginForm(html);
      expect(html).toContain('refused');
    }
  });

  it('gives a session cookie for the right token, HttpOnly and SameSite=Strict, for 12 hours, scoped by the login URL', async () => {
    const origin = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken });
    const response = await postLogin(origin, new URLSearchParams({ token: adminToken }).toString());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('./');
    const [setCookie, ...others] = response.headers.getSetCookie();
    expect(others).toEqual([]);
    const attributes = setCookie!.split(';').map((part) => part.trim());
    expect(attributes[0]).toMatch(new RegExp(`^${consoleSessionCookieName}=v1\\.\\d+\\.[\\w-]+$`));
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'SameSite=Strict']);
    expect(setCookie).not.toContain(adminToken);
    // Over https, as a proxy in front says, the cookie is Secure.
    const overHttps = await postLogin(origin, `token=${adminToken}`, { 'x-forwarded-proto': 'https' });
    expect(overHttps.headers.getSetCookie()[0]).toMatch(/; Secure$/);
  });

  it('opens the console and its API with that cookie', async () => {
    const origin = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken });
    const cookie = await signIn(origin);
    const page = await fetch(`${origin}/public/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(builtIndex);
    for (const path of ['/public/api/logs', '/public/api/stats', '/public/api/logs/stream']) {
      const response = await fetch(`${origin}${path}`, { headers: { cookie } });
      expect(response.status, path).toBe(200);
      await response.body?.cancel();
    }
    // Among a browser's other cookies too.
    expect((await fetch(`${origin}/public/api/logs`, { headers: { cookie: `theme=dark; ${cookie}; other=1` } })).status).toBe(200);
  });

  it('refuses an altered cookie, and one from a gateway with another token, but any instance with the token accepts it', async () => {
    const origin = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken });
    const cookie = await signIn(origin);
    const [name, value] = cookie.split('=') as [string, string];
    const [version, expiresAt, signature] = value.split('.') as [string, string, string];
    const altered = [
      `${name}=${version}.${Number(expiresAt) + 86_400_000}.${signature}`,
      `${name}=${version}.${expiresAt}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`,
      `${name}=${adminToken}`,
    ];
    for (const tampered of altered) {
      expect((await fetch(`${origin}/public/`, { headers: { cookie: tampered } })).status, tampered).toBe(401);
      expect((await fetch(`${origin}/public/api/logs`, { headers: { cookie: tampered } })).status, tampered).toBe(401);
    }
    const sameToken = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken });
    expect((await fetch(`${sameToken}/public/api/logs`, { headers: { cookie } })).status).toBe(200);
    const otherToken = await start({ AI_GATEWAY_ADMIN_TOKEN: `${adminToken}-rotated` });
    expect((await fetch(`${otherToken}/public/api/logs`, { headers: { cookie } })).status).toBe(401);
  });

  it('still takes the bearer token, for the API and the page', async () => {
    const origin = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken });
    const authorization = `Bearer ${adminToken}`;
    expect((await fetch(`${origin}/public/api/logs`, { headers: { authorization } })).status).toBe(200);
    expect((await fetch(`${origin}/public/`, { headers: { authorization } })).status).toBe(200);
  });

  it('signs out: the logout clears the cookie and goes back to the console', async () => {
    const origin = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken });
    const cookie = await signIn(origin);
    const response = await fetch(`${origin}/public/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('./');
    expect(response.headers.getSetCookie()).toEqual([`${consoleSessionCookieName}=; HttpOnly; SameSite=Strict; Max-Age=0`]);
  });
});

describe('the console beyond loopback without AI_GATEWAY_ADMIN_TOKEN', () => {
  it('does not exist, and no token signs in', async () => {
    const origin = await start({});
    expect((await fetch(`${origin}/public/`)).status).toBe(404);
    expect((await fetch(`${origin}/public`, { redirect: 'manual' })).status).toBe(404);
    const login = await postLogin(origin, `token=${adminToken}`);
    expect(login.status).toBe(404);
    expect(login.headers.getSetCookie()).toEqual([]);
  });
});

describe('the console on loopback, with AI_GATEWAY_ADMIN_TOKEN set', () => {
  it('needs no login', async () => {
    const origin = await start({ AI_GATEWAY_ADMIN_TOKEN: adminToken }, '127.0.0.1');
    const page = await fetch(`${origin}/public/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(builtIndex);
    expect((await fetch(`${origin}/public/api/logs`)).status).toBe(200);
  });
});
