/** The shared `AI_GATEWAY_*` settings, read by the deployable Worker from its `env` (its vars), in real workerd. */
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const workerBundle = fileURLToPath(new URL('../dist/worker.bundle.js', import.meta.url));
let worker: Miniflare;
let url: string;

beforeAll(async () => {
  worker = new Miniflare({
    modules: true,
    scriptPath: workerBundle,
    compatibilityDate: '2024-09-23',
    cf: false,
    port: 0,
    bindings: { AI_GATEWAY_MAX_BODY_BYTES: '1000', AI_GATEWAY_CUSTOM_HOST_ALLOWLIST: 'allowed.example' },
  });
  url = (await worker.ready).origin;
});

afterAll(() => worker.dispose());

function chat(headers: Record<string, string>, content = 'hi') {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', ...headers },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
  });
}

describe('settings on workerd', () => {
  it('takes the body limit from AI_GATEWAY_MAX_BODY_BYTES', async () => {
    const response = await chat({}, 'x'.repeat(2_000));
    expect(response.status).toBe(413);
  });

  it('takes the custom-host allowlist from AI_GATEWAY_CUSTOM_HOST_ALLOWLIST', async () => {
    const response = await chat({ 'x-portkey-custom-host': 'http://127.0.0.1:9/v1' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('custom_host_not_allowed');
  });
});
