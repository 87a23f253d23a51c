/**
 * Starts the deployable Worker (`dist/worker.bundle.js`, exactly what `wrangler deploy` uploads) in
 * real workerd through Miniflare, with `environment` as its vars.
 */
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import type { RunningRuntime } from '@ai-gateway/testing';

const workerBundle = fileURLToPath(new URL('../dist/worker.bundle.js', import.meta.url));

export async function startWorkerd(environment: Record<string, string> = {}): Promise<RunningRuntime> {
  // `cf: false`: Miniflare would otherwise fetch Cloudflare's request metadata from the network.
  const worker = new Miniflare({ modules: true, scriptPath: workerBundle, compatibilityDate: '2024-09-23', cf: false, port: 0, bindings: environment });
  const url = (await worker.ready).origin;
  return { url, close: () => worker.dispose() };
}
