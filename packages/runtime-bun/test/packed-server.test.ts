/**
 * `npm i @ai-gateway/runtime-bun`, then `bun node_modules/@ai-gateway/runtime-bun/dist/server.js`:
 * the packed packages installed with plain npm into an empty folder outside the repository, the
 * server started from there on the real bun binary.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRuntimeConformance, installPacked, packedPackageProblems, type PackedInstall } from '@ai-gateway/testing';
import { startBun } from './start-bun.js';
import { expectTokenizerCount } from './tokenizer-count.js';

let install: PackedInstall;

// npm fetches the registry's packages (hono, valibot, ...) unless its cache holds them.
beforeAll(async () => {
  install = await installPacked('@ai-gateway/runtime-bun');
}, 300_000);
afterAll(() => install?.remove());

describe('npm i @ai-gateway/runtime-bun, from the packed packages', () => {
  it('installs the runtime and the workspace packages it runs on, as published', () => {
    expect(install.installed).toEqual(expect.arrayContaining(['@ai-gateway/runtime-bun', '@ai-gateway/core', '@ai-gateway/providers']));
    expect(packedPackageProblems(install)).toEqual([]);
  });

  it('counts tokens with the tokenizer the providers package brings', async () => {
    const bun = await startBun({}, join(install.folder, 'node_modules', '@ai-gateway', 'runtime-bun', 'dist', 'server.js'));
    try {
      await expectTokenizerCount(bun.url);
    } finally {
      await bun.close();
    }
  });
});

describeRuntimeConformance('bun, the packed server', () => startBun({}, join(install.folder, 'node_modules', '@ai-gateway', 'runtime-bun', 'dist', 'server.js')));
