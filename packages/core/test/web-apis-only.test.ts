/**
 * Core, providers and guardrails must run on Node, Bun and workerd alike: Web APIs only.
 * This fails as soon as any of their sources (or the packages they depend on) reaches for Node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, shippedSourceFiles } from './shipped-sources.js';

const portableFolders = ['packages/core', 'packages/providers', 'packages/guardrails'];
const nodeBuiltins = new Set(['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'stream/web', 'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib']);
/** Packages that only work on Node; a portable package must not depend on them. */
const nodeOnlyPackages = new Set(['undici', 'ioredis', 'better-sqlite3', 'ws', '@hono/node-server', 'node-fetch', 'dotenv']);

const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function nodeImportsIn(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    if (specifier.startsWith('node:') || nodeBuiltins.has(specifier) || nodeOnlyPackages.has(packageName)) found.push(specifier);
  }
  return found;
}

describe('portable packages use Web APIs only', () => {
  it('finds Node imports when they are there (the check itself works)', () => {
    expect(nodeImportsIn(`import { readFile } from 'node:fs/promises';\nimport x from "undici";\nconst y = require('crypto');`)).toEqual(['node:fs/promises', 'undici', 'crypto']);
    expect(nodeImportsIn(`import { Hono } from 'hono';\nimport type { X } from './x.js';`)).toEqual([]);
  });

  it('no source file in core, providers or guardrails imports a Node module', () => {
    const offenders: string[] = [];
    for (const folder of portableFolders) {
      for (const file of shippedSourceFiles(join(repositoryRoot, folder))) {
        for (const specifier of nodeImportsIn(readFileSync(file, 'utf8'))) offenders.push(`${relative(repositoryRoot, file)}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no portable package depends on a Node-only package', () => {
    const offenders: string[] = [];
    for (const folder of portableFolders) {
      const packageFolders = folder === 'packages/providers'
        ? readdirSync(join(repositoryRoot, folder)).map((name) => join(repositoryRoot, folder, name))
        : [join(repositoryRoot, folder)];
      for (const packageFolder of packageFolders) {
        const manifest = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8'));
        for (const dependency of Object.keys(manifest.dependencies ?? {})) {
          if (nodeOnlyPackages.has(dependency)) offenders.push(`${manifest.name}: ${dependency}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
