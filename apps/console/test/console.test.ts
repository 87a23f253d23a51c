/**
 * The console in a real browser against the real gateway command: requests appear live, filters
 * narrow them, a fallback's detail shows both attempts, the charts draw, the requests are still
 * there after a restart (SQLite), and no provider key reaches the page, its answers or its live
 * tail. Screenshots at desktop and phone width go to test-results/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { failing, healthy, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { artifactPath, launchChromium } from './browser.js';
import { freePort, startGatewayProcess, type GatewayProcess } from './gateway-process.js';

const providerKey = 'sk-console-secret-7d2e91b4c0';
const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-console-'));
const environment = { AI_GATEWAY_LOG_DB: join(folder, 'logs.db') };
let upstream: MockUpstream;
let broken: MockUpstream;
let browser: Browser;
let gateway: GatewayProcess;
let port: number;
/** Every answer the page read (the live tail's stream aside, which never ends), for the secret check. */
const answers: string[] = [];
/** Every event of the live tail the page received. */
const liveEvents: string[] = [];

const target = (mock: MockUpstream) => ({ provider: 'openai', api_key: providerKey, custom_host: `${mock.origin}/v1` });

function client(config: Record<string, unknown>): OpenAI {
  return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: providerKey, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });
}

/**
 * How long a new request may take to reach the live tail: its record is built off the request path
 * and sent in the next batch, which on a CI machine busy with other suites can take over a second.
 */
const liveTailWaitMs = 5_000;

async function sendOne(): Promise<void> {
  await client(target(upstream)).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'One more' }] });
}

async function openConsole(page: Page): Promise<void> {
  page.on('response', async (response) => {
    if (!(response.headers()['content-type'] ?? '').includes('event-stream')) answers.push(await response.text().catch(() => ''));
  });
  // The live tail's answer never ends; Chromium's own protocol hands over each of its events.
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  devtools.on('Network.eventSourceMessageReceived', (event) => liveEvents.push(event.data));
  await page.goto(`${gateway.url}/public/`);
}

beforeAll(async () => {
  [upstream, broken] = await Promise.all([startMockUpstream(healthy), startMockUpstream(failing(500))]);
  port = await freePort();
  [gateway, browser] = await Promise.all([startGatewayProcess(['--port', String(port)], environment), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([browser?.close(), gateway?.stop(), upstream?.close(), broken?.close()]);
  rmSync(folder, { recursive: true, force: true });
});

describe('the console', () => {
  let page: Page;

  it('starts empty and says how to send a first request', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openConsole(page);
    await expect.poll(() => page.getByRole('heading', { name: 'No requests yet' }).isVisible()).toBe(true);
    expect(await page.locator('.notice pre').textContent()).toContain(`${gateway.url}/v1/chat/completions`);
    await expect.poll(() => page.locator('.live').textContent()).toBe('Live');
  });

  it('shows a success, a fallback, a stream and an error as they happen, without reloading', async () => {
    await client(target(upstream)).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
    await client({ strategy: { mode: 'fallback' }, targets: [target(broken), target(upstream)] }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Fall back' }] });
    const stream = await client(target(upstream)).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Stream it' }], stream: true });
    for await (const _chunk of stream) {
      // read to the end
    }
    await expect(client(target(broken)).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Fail' }] })).rejects.toMatchObject({ status: 500 });

    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBe(4);
    const rows = page.locator('table.requests tbody tr');
    expect(await rows.first().textContent()).toContain('500');
    await expect.poll(() => page.locator('tr', { hasText: '2 attempts' }).count()).toBe(1);
    await expect.poll(() => page.locator('tr', { hasText: 'stream' }).count()).toBe(1);
    await page.screenshot({ path: artifactPath('requests-desktop.png'), fullPage: true });
  });

  it('filters to errors, and the URL says so', async () => {
    await page.getByLabel('Status').selectOption('error');
    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('status')).toBe('error');
    expect(await page.locator('table.requests tbody tr').textContent()).toContain('500');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBe(4);
  });

  it("opens the fallback's detail with both attempts, the bodies and a curl without the key", async () => {
    await page.locator('tr', { hasText: '2 attempts' }).getByRole('link').click();
    const detail = page.getByRole('dialog');
    await expect.poll(() => detail.locator('.timeline .attempt').count()).toBe(2);
    const attempts = await detail.locator('.timeline .attempt').allTextContents();
    expect(attempts[0]).toMatch(/failed, fell back, 500/);
    expect(attempts[1]).toMatch(/answered, 200/);
    expect(await detail.textContent()).toContain('Fall back');
    expect(await detail.locator('pre', { hasText: 'curl' }).textContent()).toContain('$PROVIDER_API_KEY');
    expect(new URL(page.url()).searchParams.get('open')).toBeTruthy();
    await page.screenshot({ path: artifactPath('detail-desktop.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
  });

  it('shows a streamed answer put back together', async () => {
    await page.locator('tr', { hasText: 'stream' }).getByRole('link').click();
    await expect.poll(() => page.locator('.detail pre.answer').textContent()).toBe('Hello from the stream');
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('holds new requests while paused, and shows them on resume', async () => {
    await page.getByRole('button', { name: 'Pause' }).click();
    await sendOne();
    await expect.poll(() => page.getByRole('button', { name: 'Show 1 new request' }).count(), { timeout: liveTailWaitMs }).toBe(1);
    expect(await page.locator('table.requests tbody tr').count()).toBe(4);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBe(5);
  });

  it('draws the charts with the requests in them', async () => {
    await page.getByRole('link', { name: 'Charts' }).click();
    const requests = page.getByRole('figure', { name: 'Requests and errors' });
    await expect.poll(() => requests.locator('.summary').textContent()).toBe('requests: 5, errors: 1');
    expect(await page.getByRole('figure', { name: 'Latency' }).locator('.summary').textContent()).toMatch(/p95 latency: \d+ ms/);
    expect(await page.locator('.chart canvas').count()).toBe(4);
    expect(await page.locator('table.by-model').textContent()).toContain('gpt-4o-mini');
    await page.screenshot({ path: artifactPath('charts-desktop.png'), fullPage: true });
  });

  it('fits a phone-sized screen in dark mode, and does not jump while scrolled down', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, colorScheme: 'dark' });
    // Closed even when a step fails: an open page keeps its live tail connected, and the next test stops the gateway.
    onTestFinished(() => phone.close());
    await phone.goto(`${gateway.url}/public/`);
    await expect.poll(() => phone.locator('table.requests tbody tr').count()).toBe(5);
    await phone.evaluate(() => scrollTo({ top: document.body.scrollHeight }));
    await sendOne();
    await expect.poll(() => phone.getByRole('button', { name: 'Show 1 new request' }).count(), { timeout: liveTailWaitMs }).toBe(1);
    expect(await phone.locator('table.requests tbody tr').count()).toBe(5);
    await phone.evaluate(() => scrollTo({ top: 0 }));
    await expect.poll(() => phone.locator('table.requests tbody tr').count()).toBe(6);
    // Nothing wider than the screen: no sideways scrolling.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: artifactPath('requests-phone.png'), fullPage: true });
    await phone.locator('tr', { hasText: '2 attempts' }).getByRole('link').click();
    await expect.poll(() => phone.locator('.timeline .attempt').count()).toBe(2);
    await phone.screenshot({ path: artifactPath('detail-phone.png') });
  });

  it('still has the requests after the gateway restarts', async () => {
    await gateway.stop();
    gateway = await startGatewayProcess(['--port', String(port)], environment);
    await page.goto(`${gateway.url}/public/`);
    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBe(6);
  });

  it('never shows a provider key, in the page or in any answer it read', async () => {
    expect(answers.length).toBeGreaterThan(5);
    expect(liveEvents.length).toBeGreaterThanOrEqual(5);
    for (const answer of [...answers, ...liveEvents]) expect(answer).not.toContain(providerKey);
    expect(await page.content()).not.toContain(providerKey);
    const fallback = await page.locator('tr', { hasText: '2 attempts' }).getAttribute('data-trace-id');
    await page.goto(`${gateway.url}/public/?open=${fallback}`);
    await expect.poll(() => page.locator('.timeline .attempt').count()).toBe(2);
    expect(await page.content()).not.toContain(providerKey);
    await page.goto(`${gateway.url}/public/?view=charts`);
    await expect.poll(() => page.locator('.chart canvas').count()).toBe(4);
    expect(await page.content()).not.toContain(providerKey);
  });
});
