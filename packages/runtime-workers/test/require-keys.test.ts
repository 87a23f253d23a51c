/**
 * A Worker has no key store of its own: asked to require gateway keys, it refuses every request
 * saying why, rather than serve without keys.
 */
import { describe, expect, it } from 'vitest';
import { startWorkerd } from './start-workerd.js';

describe('AI_GATEWAY_REQUIRE_KEYS on workerd', () => {
  it('answers every request with a 500 naming the setting, and calls no provider', async () => {
    const worker = await startWorkerd({ AI_GATEWAY_REQUIRE_KEYS: 'true' });
    try {
      const response = await fetch(`${worker.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': 'http://127.0.0.1:9/v1' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_settings', message: expect.stringContaining('AI_GATEWAY_REQUIRE_KEYS=true needs a key store') } });
    } finally {
      await worker.close();
    }
  });
});
