/**
 * `ai-gateway virtual-keys` round trip against the state file a running gateway uses: add (the
 * secret read from an environment variable), list (never the secret), rotate and remove, each seen
 * by the gateway without a restart.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@ai-gateway/core';
import { healthy, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { startGateway, type RunningGateway } from '../src/index.js';

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-virtual-keys-cli-'));
const stateDb = join(folder, 'state.db');
const secretKey = randomBytes(32);
const firstSecret = 'sk-cli-first-secret-3b4c5d6e7f';
const secondSecret = 'sk-cli-second-secret-8a9b0c1d2e';
let upstream: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startMockUpstream(healthy);
  gateway = await startGateway({ port: 0, host: '127.0.0.1', logger: silentLogger, stateDb, logDb: false, secretKey });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
  rmSync(folder, { recursive: true, force: true });
});

function virtualKeysCommand(args: string[], environment: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, AI_GATEWAY_STATE_DB: stateDb, AI_GATEWAY_REDIS_URL: '', AI_GATEWAY_SECRET_KEY: secretKey.toString('base64'), ...environment };
  const child = spawn(process.execPath, [cliPath, 'virtual-keys', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const chat = () => fetch(`${gateway.url}/v1/chat/completions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-portkey-virtual-key': 'cli-openai' },
  body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
});
const lookupMemory = () => new Promise((resolve) => setTimeout(resolve, 600));

describe('ai-gateway virtual-keys', () => {
  it('adds, lists, rotates and removes a key the running gateway uses', async () => {
    const added = await virtualKeysCommand(['add', '--id', 'cli-openai', '--provider', 'openai', '--api_key_env', 'FIRST_KEY', '--custom_host', `${upstream.origin}/v1`], { FIRST_KEY: firstSecret });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect((await chat()).status).toBe(200);
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${firstSecret}`);

    const listed = await virtualKeysCommand(['list', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: 'cli-openai', provider: 'openai', api_key: '***', custom_host: `${upstream.origin}/v1` }]);
    expect(listed.stdout + (await virtualKeysCommand(['list'])).stdout).not.toContain(firstSecret);

    expect((await virtualKeysCommand(['rotate', 'cli-openai', '--api_key', secondSecret])).code).toBe(0);
    await lookupMemory();
    expect((await chat()).status).toBe(200);
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${secondSecret}`);

    expect((await virtualKeysCommand(['remove', 'cli-openai'])).code).toBe(0);
    await lookupMemory();
    expect((await chat()).status).toBe(400);
    expect((await virtualKeysCommand(['remove', 'cli-openai'])).code).toBe(2);
  });

  it('refuses bad input with one line naming the field or setting, and never echoes the secret', async () => {
    const badSetting = await virtualKeysCommand(['add', '--id', 'b', '--provider', 'bedrock', '--settings.aws_regin', 'eu-west-1', '--settings.aws_secret_access_key', 'aws-secret-in-argv-1234']);
    expect(badSetting.code).toBe(2);
    expect(badSetting.stderr).toMatch(/'settings.aws_regin' is not a setting of provider 'bedrock' \(did you mean 'settings.aws_region'\?\)/);
    expect(badSetting.stderr).not.toContain('aws-secret-in-argv-1234');
    const noSecretKey = await virtualKeysCommand(['add', '--id', 'c', '--provider', 'openai', '--api_key', 'sk-some-key-123456'], { AI_GATEWAY_SECRET_KEY: '' });
    expect(noSecretKey.code).toBe(2);
    expect(noSecretKey.stderr).toMatch(/AI_GATEWAY_SECRET_KEY/);
    expect(noSecretKey.stderr).not.toContain('sk-some-key-123456');
  });
});
