/** The shared `AI_GATEWAY_*` settings, read by the deployable Worker from its `env` (its vars), in real workerd. */
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { describeSettingsConformance, settingsConformanceEnvironment } from '@ai-gateway/testing';

const workerBundle = fileURLToPath(new URL('../dist/worker.bundle.js', import.meta.url));

describeSettingsConformance('workerd', async () => {
  const worker = new Miniflare({ modules: true, scriptPath: workerBundle, compatibilityDate: '2024-09-23', cf: false, port: 0, bindings: settingsConformanceEnvironment });
  const url = (await worker.ready).origin;
  return { url, close: () => worker.dispose() };
});
