/**
 * The console's files at `/public/` on a Node gateway on loopback, as a browser gets them: the
 * built console this package carries (`dist/console`), a folder of other file types, paths that
 * try to climb out of the folder (sent verbatim, since fetch would resolve their `..`), and a
 * reverse proxy that mounts the gateway below `/gw/`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '@ai-gateway/testing';
import { consoleFolder, readConsoleFiles, startGateway, type RunningGateway, type StartGatewayOptions } from '../src/index.js';

const builtIndex = readFileSync(join(consoleFolder, 'index.html'), 'utf8');
const expectedPageHeaders = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
};

/** A console folder with one file of each kind, and a secret beside it that must stay unreachable. */
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ai-gateway-console-'));
  const folder = join(root, 'console');
  mkdirSync(join(folder, 'assets'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), 'secret-beside-the-console');
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>test console</title>');
  writeFileSync(join(folder, 'app.js'), 'console.log("app");');
  writeFileSync(join(folder, 'app.css'), 'body { margin: 0 }');
  writeFileSync(join(folder, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(folder, 'assets', 'font.woff2'), 'wOF2');
  writeFileSync(join(folder, 'app.js.map'), '{"version":3}');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let gateway: RunningGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function start(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  gateway = await startGateway({ host: '127.0.0.1', port: 0, requestLog: {}, logger: recordingLogger(), ...options });
  return gateway;
}

/** A GET with the path exactly as written. */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    }).on('error', reject);
  });
}

describe('the console of a Node gateway on loopback', () => {
  it('redirects /public to public/, relative, so a prefix in front stays', async () => {
    const running = await start();
    const response = await fetch(`${running.url}/public`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('public/');
  });

  it('serves the built console at /public/ with headers that keep every file to the gateway itself', async () => {
    const running = await start();
    const response = await fetch(`${running.url}/public/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Object.fromEntries(Object.keys(expectedPageHeaders).map((name) => [name, response.headers.get(name)]))).toEqual(expectedPageHeaders);
    expect(await response.text()).toBe(builtIndex);
    const named = await fetch(`${running.url}/public/index.html`);
    expect(await named.text()).toBe(builtIndex);
  });

  it('serves each file with its content type, in sub-folders too, and 404 for a file it does not have', async () => {
    const running = await start({ consoleAssets: readConsoleFiles(join(root, 'console')) });
    const types: Record<string, string> = {
      'app.js': 'text/javascript; charset=utf-8',
      'app.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/font.woff2': 'font/woff2',
      'app.js.map': 'application/json',
    };
    for (const [file, type] of Object.entries(types)) {
      const response = await fetch(`${running.url}/public/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toBe(type);
      expect(response.headers.get('x-content-type-options'), file).toBe('nosniff');
      expect(await response.text(), file).toBe(readFileSync(join(root, 'console', file), 'utf8'));
    }
    const missing = await fetch(`${running.url}/public/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it.each([
    '/public/../secret.txt',
    '/public/%2e%2e/secret.txt',
    '/public/..%2fsecret.txt',
    '/public/%2e%2e%2fsecret.txt',
    '/public/assets/..%2f..%2fsecret.txt',
    '/public/..%5csecret.txt',
    '/public/%2fetc%2fpasswd',
    '/public//etc/passwd',
    '/public/../package.json',
    '/public/%2e%2e/%2e%2e/package.json',
  ])('does not let %s out of the console folder', async (path) => {
    const running = await start({ consoleAssets: readConsoleFiles(join(root, 'console')) });
    const answer = await rawGet(running.port, path);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('secret-beside-the-console');
    expect(answer.body).not.toContain('"name"');
    expect(answer.body).not.toContain('root:');
  });

  it('is open without a login, its API too', async () => {
    const running = await start();
    expect((await fetch(`${running.url}/public/api/logs`)).status).toBe(200);
    const login = await fetch(`${running.url}/public/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=anything',
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('./');
    expect(login.headers.get('set-cookie')).toBeNull();
  });
});

/** A reverse proxy that mounts the gateway at `/gw/`: `/gw/x` goes to the gateway as `/x`. */
async function startPrefixProxy(gatewayPort: number): Promise<{ origin: string; server: Server }> {
  const server = createServer((incoming, outgoing) => {
    if (!incoming.url?.startsWith('/gw/')) {
      outgoing.writeHead(404).end();
      return;
    }
    const forwarded = request({ host: '127.0.0.1', port: gatewayPort, method: incoming.method, path: incoming.url.slice('/gw'.length), headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(outgoing);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the console behind a reverse proxy at a prefix', () => {
  it('keeps every redirect below the prefix', async () => {
    const running = await start();
    const proxy = await startPrefixProxy(running.port);
    try {
      const bare = await fetch(`${proxy.origin}/gw/public`, { redirect: 'manual' });
      const page = new URL(bare.headers.get('location')!, `${proxy.origin}/gw/public`);
      expect(page.pathname).toBe('/gw/public/');
      const response = await fetch(page);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(builtIndex);
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });
});
