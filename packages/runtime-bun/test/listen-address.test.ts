/** `bun dist/server.js` listens on 127.0.0.1 unless HOST says otherwise. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bunBinary = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe');
const server = fileURLToPath(new URL('../dist/server.js', import.meta.url));

/** This machine's first IPv4 address that is not loopback, if it has one. */
const outsideAddress = Object.values(networkInterfaces()).flat().find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

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

/** Whether a TCP connection to `host:port` opens ('connected') or how it fails (its error code). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host, () => {
      socket.destroy();
      resolve('connected');
    });
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
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
