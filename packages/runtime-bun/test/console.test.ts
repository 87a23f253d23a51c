/**
 * `bun dist/server.js` serves the console this package carries (`dist/console`) at `/public/`,
 * open on loopback and behind the login form beyond it, as the Node runtime does.
 */
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startBun, type RunningBun } from './start-bun.js';

const builtIndex = readFileSync(fileURLToPath(new URL('../dist/console/index.html', import.meta.url)), 'utf8');
const adminToken = 'admin-token-bun-3a7c';

/** The status of a GET with the path exactly as written (fetch would resolve its `..`). */
function rawStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    }).on('error', reject);
  });
}

let bun: RunningBun | undefined;
afterEach(async () => {
  await bun?.close();
  bun = undefined;
});

describe('the console on bun', () => {
  it('is served at /public/ on loopback, with its security headers, and /public redirects there relatively', async () => {
    bun = await startBun({ HOST: undefined });
    const bare = await fetch(`${bun.url}/public`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('public/');
    const page = await fetch(`${bun.url}/public/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).toBe(builtIndex);
    expect((await fetch(`${bun.url}/public/nope.js`)).status).toBe(404);
    for (const path of ['/public/../package.json', '/public/..%2fpackage.json', '/public/%2e%2e%2f%2e%2e%2fpackage.json', '/public/..%5cpackage.json']) {
      expect(await rawStatus(bun.port, path), path).toBe(404);
    }
  });

  it('beyond loopback shows the login form, and the admin token typed into it opens the console', async () => {
    bun = await startBun({ HOST: '0.0.0.0', AI_GATEWAY_ADMIN_TOKEN: adminToken });
    const form = await fetch(`${bun.url}/public/`);
    expect(form.status).toBe(401);
    expect(await form.text()).toContain('<form method="post" action="login">');
    const login = (token: string) => fetch(`${bun!.url}/public/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    });
    expect((await login('wrong')).status).toBe(401);
    const signedIn = await login(adminToken);
    expect(signedIn.status).toBe(303);
    const setCookie = signedIn.headers.getSetCookie()[0]!;
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${bun.url}/public/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(builtIndex);
    expect((await fetch(`${bun.url}/public/api/logs`, { headers: { cookie } })).status).toBe(200);
  });
});
