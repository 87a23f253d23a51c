/**
 * `npm i @ai-gateway/runtime-node && npx ai-gateway`, as a user runs it: the packed packages
 * installed with plain npm into an empty folder outside the repository, then the command started
 * there answers through a mock upstream.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRuntimeConformance, installPacked, packedPackageProblems, type PackedInstall, type RunningRuntime } from '@ai-gateway/testing';

let install: PackedInstall;

// npm fetches the registry's packages (hono, undici, ...) unless its cache holds them.
beforeAll(async () => {
  install = await installPacked('@ai-gateway/runtime-node');
}, 300_000);
afterAll(() => install?.remove());

describe('npm i @ai-gateway/runtime-node, from the packed packages', () => {
  it('installs the runtime and the workspace packages it runs on, as published, and no build, test or other runtime tools', () => {
    expect(install.installed).toEqual(expect.arrayContaining(['@ai-gateway/runtime-node', '@ai-gateway/core', '@ai-gateway/providers', '@ai-gateway/provider-openai']));
    expect(install.installed).not.toContain('@ai-gateway/testing');
    expect(install.installed).not.toContain('@ai-gateway/runtime-workers');
    expect(packedPackageProblems(install)).toEqual([]);
    for (const tool of ['typescript', 'esbuild', 'turbo', 'vitest', 'openai', 'bun', 'miniflare', 'workerd']) {
      expect(existsSync(join(install.folder, 'node_modules', tool)), tool).toBe(false);
    }
    expect(existsSync(join(install.folder, 'node_modules', '.bin', 'ai-gateway'))).toBe(true);
  });
});

/** `npx ai-gateway --port=0` in the installed folder, in a process group of its own (npx runs the command through a shell). */
async function startCommand(): Promise<RunningRuntime> {
  const child = spawn('npx', ['ai-gateway', '--port=0'], {
    cwd: install.folder,
    // With the command installed npx never asks the registry; were it missing, it must not fetch some other `ai-gateway`.
    env: { ...install.environment, npm_config_yes: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`npx ai-gateway exited with ${code}: ${output}`)));
  });
  return {
    url,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      // npx exits before the gateway it started has finished closing (it writes its request log
      // file as it goes): wait until no process of the group is left, before the folder is removed.
      for (let tries = 0; tries < 200; tries += 1) {
        try {
          process.kill(-child.pid!, 0);
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

describe('the console of the installed command', () => {
  it('is in the tarball and served at /public/', async () => {
    const installedConsole = join(install.folder, 'node_modules', '@ai-gateway', 'runtime-node', 'dist', 'console');
    expect(existsSync(join(installedConsole, 'index.html'))).toBe(true);
    const command = await startCommand();
    try {
      const page = await fetch(`${command.url}/public/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toBe(readFileSync(join(installedConsole, 'index.html'), 'utf8'));
    } finally {
      await command.close();
    }
  });
});

describeRuntimeConformance('npx ai-gateway, installed from the packed packages', startCommand);
