/**
 * A Worker as a user builds it from npm: the packed runtime-workers installed with plain npm into an
 * empty folder outside the repository, a two-line Worker importing it, bundled there the way
 * wrangler does (esbuild, the workerd conditions), and run in real workerd through Miniflare.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRuntimeConformance, installPacked, packedPackageProblems, type PackedInstall } from '@ai-gateway/testing';

let install: PackedInstall;
let workerBundle: string;

// npm fetches the registry's packages (hono, valibot, ...) unless its cache holds them.
beforeAll(async () => {
  install = await installPacked('@ai-gateway/runtime-workers');
  const source = join(install.folder, 'worker.js');
  writeFileSync(source, "import { createWorker } from '@ai-gateway/runtime-workers';\n\nexport default createWorker();\n");
  workerBundle = join(install.folder, 'dist', 'worker.js');
  await build({
    entryPoints: [source],
    outfile: workerBundle,
    absWorkingDir: install.folder,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
}, 300_000);
afterAll(() => install?.remove());

describe('npm i @ai-gateway/runtime-workers, from the packed packages', () => {
  it('installs the runtime and the workspace packages it runs on, as published', () => {
    expect(install.installed).toEqual(expect.arrayContaining(['@ai-gateway/runtime-workers', '@ai-gateway/core', '@ai-gateway/providers']));
    expect(install.installed).not.toContain('@ai-gateway/runtime-node');
    expect(packedPackageProblems(install)).toEqual([]);
  });
});

describeRuntimeConformance('workerd, a Worker bundled from the packed packages', async () => {
  // `cf: false`: Miniflare would otherwise fetch Cloudflare's request metadata from the network.
  // Module names are paths below `modulesRoot` (the working directory by default, here the repository's).
  const worker = new Miniflare({ modules: true, scriptPath: workerBundle, modulesRoot: dirname(workerBundle), compatibilityDate: '2024-09-23', cf: false, port: 0 });
  const url = (await worker.ready).origin;
  return { url, close: () => worker.dispose() };
});
