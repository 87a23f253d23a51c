/** What only `bun dist/server.js` does with its settings; the shared ones are in the gateway behaviour suite. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { bunBinary, serverScript } from './start-bun.js';

describe('bun settings', () => {
  it('refuses to start with an invalid setting, naming it', async () => {
    const bad = spawn(bunBinary, [serverScript], { env: { ...process.env, PORT: '0', AI_GATEWAY_MAX_BODY_BYTES: 'lots' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr!.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(bad, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/AI_GATEWAY_MAX_BODY_BYTES must be a positive number/);
  });

  it('refuses to start when asked to require gateway keys, having no key store', async () => {
    const bad = spawn(bunBinary, [serverScript], { env: { ...process.env, PORT: '0', AI_GATEWAY_REQUIRE_KEYS: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr!.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(bad, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/AI_GATEWAY_REQUIRE_KEYS=true needs a key store/);
  });
});
