#!/usr/bin/env node
// Copies the built console (apps/console/dist) into the runtime package's dist/console, which its
// npm tarball carries. Run from the runtime package's folder, after its own build. The runtime
// names `@ai-gateway/console` as a dev dependency so that turbo builds the console first; the
// folder is found in the repository, not through node_modules, which a production-only install
// (`npm start`) does not link.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../apps/console/dist', import.meta.url));
if (!existsSync(`${built}/index.html`)) {
  console.error(`[copy-console] ${built}/index.html is missing: build @ai-gateway/console first (turbo does, through the dev dependency).`);
  process.exit(1);
}
rmSync('dist/console', { recursive: true, force: true });
cpSync(built, 'dist/console', { recursive: true });
