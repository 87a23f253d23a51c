/**
 * Bundles the console into dist/ (index.html, app.js, app.css): every script, style and chart
 * library is in those files, so the page needs no network beyond the gateway it came from. The
 * runtimes copy dist/ and serve it at /public/. Prints the gzipped size the README quotes.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
await build({
  entryPoints: { app: 'src/main.tsx' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: 'dist',
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync('src/index.html', 'dist/index.html');

const gzipped = ['index.html', 'app.js', 'app.css'].reduce((total, file) => total + gzipSync(readFileSync(`dist/${file}`)).byteLength, 0);
console.log(`[console] dist/: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
