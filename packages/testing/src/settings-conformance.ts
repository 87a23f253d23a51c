/**
 * The shared `AI_GATEWAY_*` settings, checked on a real runtime started with
 * `settingsConformanceEnvironment` in its environment (process env, or a Worker's vars): the body
 * limit and the custom-host allowlist answer as the operator set them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRuntime } from './runtime-conformance.js';

/** What the runtime under test must be started with. */
export const settingsConformanceEnvironment = { AI_GATEWAY_MAX_BODY_BYTES: '1000', AI_GATEWAY_CUSTOM_HOST_ALLOWLIST: 'allowed.example' };

export function describeSettingsConformance(name: string, start: () => Promise<RunningRuntime>): void {
  describe(`settings on ${name}`, () => {
    let runtime: RunningRuntime;

    beforeAll(async () => {
      runtime = await start();
    }, 60_000);

    afterAll(async () => {
      await runtime?.close();
    });

    function chat(headers: Record<string, string>, content = 'hi') {
      return fetch(`${runtime.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', ...headers },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
      });
    }

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
}
