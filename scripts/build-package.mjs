#!/usr/bin/env node
// Builds one workspace package: esbuild for the JavaScript, tsc for the declarations, in parallel.
// Usage (from a package folder): node <repo>/scripts/build-package.mjs [--platform=node] [entry ...]
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const platform = args.find((arg) => arg.startsWith('--platform='))?.split('=')[1] ?? 'neutral';
const entries = args.filter((arg) => !arg.startsWith('--'));
const entryPoints = entries.length > 0 ? entries : ['src/index.ts'];

rmSync('dist', { recursive: true, force: true });

const javascript = build({
  entryPoints,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  // Dependencies stay imports: each package is built on its own and resolved by the consumer.
  packages: 'external',
  format: 'esm',
  platform,
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});

const typescriptCompiler = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const declarations = new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [typescriptCompiler, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc exited with ${code}`))));
});

await Promise.all([javascript, declarations]);
