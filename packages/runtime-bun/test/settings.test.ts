/** The shared `AI_GATEWAY_*` settings, read by `bun dist/server.js` from its environment. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { describeSettingsConformance, settingsConformanceEnvironment } from '@ai-gateway/testing';
import { bunBinary, serverScript, startBun } from './start-bun.js';

describeSettingsConformance('bun', () => startBun(settingsConformanceEnvironment));

describe('bun settings', () => {
  it('refuses to start with an invalid setting, naming it', async () => {
    const bad = spawn(bunBinary, [serverScript], { env: { ...process.env, PORT: '0', AI_GATEWAY_MAX_BODY_BYTES: 'lots' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr!.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(bad, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/AI_GATEWAY_MAX_BODY_BYTES must be a positive number/);
  });
});
