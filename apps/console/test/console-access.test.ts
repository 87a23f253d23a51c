/**
 * Who reaches the console: beyond loopback only the admin token opens it (a login form, then a
 * session cookie), even from 127.0.0.1; behind a reverse proxy that mounts the gateway below
 * /gw/, the page and its API work unchanged.
 */
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthy, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { launchChromium } from './browser.js';
import { freePort, startGatewayProcess, type GatewayProcess } from './gateway-process.js';

const adminToken = 'console-admin-token-3b8f0c2a';
const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-console-access-'));
let browser: Browser;
let upstream: MockUpstream;

beforeAll(async () => {
  [browser, upstream] = await Promise.all([launchChromium(), startMockUpstream(healthy)]);
}, 60_000);
afterAll(async () => {
  await Promise.all([browser?.close(), upstream?.close()]);
  rmSync(folder, { recursive: true, force: true });
});

describe('beyond loopback', () => {
  let gateway: GatewayProcess;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    gateway = await startGatewayProcess(['--port', String(port), '--host', '0.0.0.0'], { AI_GATEWAY_ADMIN_TOKEN: adminToken, AI_GATEWAY_LOG_DB: join(folder, 'beyond.db') });
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(() => gateway?.stop());

  it('asks for the admin token, refuses a wrong one, and opens the console with the right one', async () => {
    const page = await browser.newPage();
    const first = await page.goto(`${origin}/public/`);
    expect(first?.status()).toBe(401);
    expect(await page.locator('input[name="token"]').count()).toBe(1);
    expect(await page.locator('nav[aria-label="Views"]').count()).toBe(0);

    await page.fill('input[name="token"]', 'not-the-token');
    const [refused] = await Promise.all([page.waitForNavigation(), page.locator('input[name="token"]').press('Enter')]);
    expect(refused?.status()).toBe(401);
    expect(await page.locator('input[name="token"]').count()).toBe(1);

    await page.fill('input[name="token"]', adminToken);
    await Promise.all([page.waitForURL(`${origin}/public/`), page.locator('input[name="token"]').press('Enter')]);
    await expect.poll(() => page.getByRole('heading', { name: 'No requests yet' }).count()).toBe(1);
    await expect.poll(() => page.locator('.live').textContent()).toBe('Live');
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie.value).not.toContain(adminToken);
    // The cookie does not open the console to another browser.
    const other = await browser.newPage();
    expect((await other.goto(`${origin}/public/`))?.status()).toBe(401);
    await Promise.all([page.close(), other.close()]);
  });
});

describe('behind a reverse proxy at /gw/', () => {
  let gateway: GatewayProcess;
  let proxy: Server;
  let proxyOrigin: string;
  /** The proxy's own connections to the gateway (the live tail's stays open until closed). */
  const forwarded = new Set<ReturnType<typeof request>>();

  beforeAll(async () => {
    gateway = await startGatewayProcess(['--port', String(await freePort())], { AI_GATEWAY_LOG_DB: join(folder, 'proxied.db') });
    const gatewayUrl = new URL(gateway.url);
    proxy = createServer((incoming, response) => {
      if (!incoming.url?.startsWith('/gw/')) {
        response.writeHead(404).end();
        return;
      }
      const forward = request({ host: gatewayUrl.hostname, port: gatewayUrl.port, method: incoming.method, path: incoming.url.slice('/gw'.length), headers: incoming.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      forwarded.add(forward);
      forward.on('close', () => forwarded.delete(forward));
      incoming.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyOrigin = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const forward of forwarded) forward.destroy();
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    await gateway?.stop();
  });

  it('loads every asset and the live tail below the prefix', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (response) => response.status() >= 400 && failed.push(response.url()));
    await page.goto(`${proxyOrigin}/gw/public`);
    expect(page.url()).toBe(`${proxyOrigin}/gw/public/`);
    await expect.poll(() => page.locator('.live').textContent()).toBe('Live');
    // The first-request curl names the gateway as the browser reaches it, prefix included.
    expect(await page.locator('.notice pre').textContent()).toContain(`${proxyOrigin}/gw/v1/chat/completions`);
    await fetch(`${proxyOrigin}/gw/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify({ provider: 'openai', api_key: 'sk-proxy', custom_host: `${upstream.origin}/v1` }) },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBe(1);
    expect(failed).toEqual([]);
    await page.close();
  });
});
