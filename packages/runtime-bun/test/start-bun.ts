/** Starts `bun dist/server.js` on the real bun binary (from the `bun` npm package), as a deployment would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const bunBinary = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe');
export const serverScript = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export interface RunningBun {
  child: ChildProcess;
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * Resolves once the server prints the port it listens on; `environment` is laid over this
 * process's; `script` is this package's `dist/server.js` unless another copy is named.
 */
export async function startBun(environment: Record<string, string | undefined> = {}, script = serverScript): Promise<RunningBun> {
  const child = spawn(bunBinary, [script], { env: { ...process.env, PORT: '0', ...environment }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bun exited with ${code} before listening: ${output}`)));
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
