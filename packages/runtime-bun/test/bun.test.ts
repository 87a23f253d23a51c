/** The gateway on the real bun binary (from the `bun` npm package), as `bun dist/server.js` starts it. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeRuntimeConformance } from '@ai-gateway/testing';

const bunBinary = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe');
const server = fileURLToPath(new URL('../dist/server.js', import.meta.url));

describeRuntimeConformance('bun', async () => {
  const child = spawn(bunBinary, [server], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  // server.js prints the port it got once it listens.
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bun exited with ${code} before listening: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
});
