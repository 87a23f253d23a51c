/** The shared `AI_GATEWAY_*` settings, read by `bun dist/server.js` from its environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bunBinary = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe');
const server = fileURLToPath(new URL('../dist/server.js', import.meta.url));
const settings = { AI_GATEWAY_MAX_BODY_BYTES: '1000', AI_GATEWAY_CUSTOM_HOST_ALLOWLIST: 'allowed.example' };

let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(bunBinary, [server], { env: { ...process.env, PORT: '0', ...settings }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bun exited with ${code} before listening: ${output}`)));
  });
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
});

function chat(headers: Record<string, string>, content = 'hi') {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', ...headers },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
  });
}

describe('settings on bun', () => {
  it('takes the body limit from AI_GATEWAY_MAX_BODY_BYTES', async () => {
    const response = await chat({}, 'x'.repeat(2_000));
    expect(response.status).toBe(413);
  });

  it('takes the custom-host allowlist from AI_GATEWAY_CUSTOM_HOST_ALLOWLIST', async () => {
    const response = await chat({ 'x-portkey-custom-host': 'http://127.0.0.1:9/v1' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('custom_host_not_allowed');
  });

  it('refuses to start with an invalid setting, naming it', async () => {
    const bad = spawn(bunBinary, [server], { env: { ...process.env, PORT: '0', AI_GATEWAY_MAX_BODY_BYTES: 'lots' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr!.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(bad, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/AI_GATEWAY_MAX_BODY_BYTES must be a positive number/);
  });
});
