/** `bun dist/server.js` listens on 127.0.0.1 unless HOST says otherwise. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outsideAddress, tryConnect } from '@ai-gateway/testing';

const bunBinary = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe');
const server = fileURLToPath(new URL('../dist/server.js', import.meta.url));


async function startBun(environment: Record<string, string | undefined>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(bunBinary, [server], { env: { ...process.env, PORT: '0', ...environment }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bun exited with ${code} before listening: ${output}`)));
  });
  return { child, port };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}


describe('where the bun gateway listens', () => {
  it('listens on 127.0.0.1 only when HOST is not set', async () => {
    const { child, port } = await startBun({ HOST: undefined });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      if (outsideAddress) expect(await tryConnect(outsideAddress, port)).toBe('ECONNREFUSED');
    } finally {
      await stop(child);
    }
  });

  it.skipIf(!outsideAddress)('listens on every interface when HOST=0.0.0.0, as containers set', async () => {
    const { child, port } = await startBun({ HOST: '0.0.0.0' });
    try {
      expect(await tryConnect(outsideAddress!, port)).toBe('connected');
    } finally {
      await stop(child);
    }
  });
});
