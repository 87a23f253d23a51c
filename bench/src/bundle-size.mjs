/** Size of the Cloudflare Workers bundle, raw and gzipped (Workers' limits are on the compressed size). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repositoryRoot } from './systems.mjs';

export const workersBundlePath = 'packages/runtime-workers/dist/worker.bundle.js';

export function measureWorkersBundle() {
  const path = join(repositoryRoot, workersBundlePath);
  if (!existsSync(path)) return { path: workersBundlePath, rawBytes: null, gzipBytes: null, reason: 'not built: run pnpm build' };
  const bytes = readFileSync(path);
  return { path: workersBundlePath, rawBytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
}
