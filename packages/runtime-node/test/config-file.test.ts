/**
 * Server-side configs: `--config gateway.json` with named configs, model aliases and `env:` secrets,
 * hot-reloaded on change, with bad files refused clearly.
 */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/index.js';
import { contentOf, named, postChat, recordingLogger, type MockUpstream } from '@ai-gateway/testing';
import { startTestGateway, startUpstreams } from './node-harness.js';

let upstreams: MockUpstream[];
let gateway: RunningGateway;
const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-config-'));
const configPath = join(folder, 'gateway.json');
const logger = recordingLogger();

/** Writes the file the way editors do: a new file renamed over the old one. */
function writeConfig(value: unknown) {
  const temporary = `${configPath}.tmp`;
  writeFileSync(temporary, typeof value === 'string' ? value : JSON.stringify(value));
  renameSync(temporary, configPath);
}

function fileContents(first: MockUpstream, second: MockUpstream) {
  return {
    configs: {
      prod: { strategy: { mode: 'fallback' }, targets: [{ provider: 'openai', api_key: 'env:TEST_OPENAI_KEY', custom_host: `${first.origin}/v1` }] },
    },
    models: {
      fast: { targets: [{ provider: 'openai', api_key: 'env:TEST_OPENAI_KEY', custom_host: `${second.origin}/v1`, override_params: { model: 'gpt-4o-mini' } }] },
    },
  };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  upstreams = await startUpstreams(2);
  upstreams[0].setHandler(named('first'));
  upstreams[1].setHandler(named('second'));
  writeConfig(fileContents(upstreams[0], upstreams[1]));
  gateway = await startTestGateway({ configFile: configPath, environment: { TEST_OPENAI_KEY: 'sk-from-env' }, logger });
});
afterAll(async () => {
  await gateway.close();
  await Promise.all(upstreams.map((upstream) => upstream.close()));
});

describe('config file', () => {
  it('routes by a named config, with the key taken from the environment', async () => {
    const response = await postChat(gateway, null, { headers: { 'x-portkey-config': 'prod' } });
    expect(await contentOf(response)).toBe('first');
    expect(upstreams[0].requests.at(-1)!.headers.authorization).toBe('Bearer sk-from-env');
  });

  it('routes a model alias to its targets, with the real model name', async () => {
    expect(await contentOf(await postChat(gateway, null, { body: { model: 'fast' } }))).toBe('second');
    expect(upstreams[1].requests.at(-1)!.json.model).toBe('gpt-4o-mini');
  });

  it('answers 400 for an unknown config name', async () => {
    const response = await postChat(gateway, null, { headers: { 'x-portkey-config': 'staging' } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/Unknown config 'staging'/);
  });

  it('reloads the file when it changes, and keeps the last good config when an edit is broken', async () => {
    const swapped = fileContents(upstreams[1], upstreams[0]);
    writeConfig(swapped);
    await waitFor(async () => (await contentOf(await postChat(gateway, null, { headers: { 'x-portkey-config': 'prod' } }))) === 'second');

    writeConfig({ configs: { prod: { strategy: { mode: 'sometimes' }, targets: [] } } });
    await waitFor(() => logger.lines.some((line) => line.message.includes('change refused')));
    const refusal = logger.lines.find((line) => line.message.includes('change refused'))!;
    expect(String(refusal.fields?.error)).toMatch(/configs\.prod.*strategy\.mode/);
    expect(await contentOf(await postChat(gateway, null, { headers: { 'x-portkey-config': 'prod' } }))).toBe('second');
  });

  it('refuses to start with an invalid file, naming the problem', async () => {
    const badPath = join(folder, 'bad.json');
    writeFileSync(badPath, JSON.stringify({ configs: { prod: { targets: [{ provider: 'openai', api_key: 'env:NOT_SET_ANYWHERE' }] } } }));
    await expect(startTestGateway({ configFile: badPath, environment: {} })).rejects.toThrow(/configs\.prod\.targets\[0\]\.api_key.*NOT_SET_ANYWHERE/);
    writeFileSync(badPath, '{ "configs": ');
    await expect(startTestGateway({ configFile: badPath })).rejects.toThrow(/not valid JSON/);
  });

  it('refuses to start with a misspelt provider setting, naming it and the name it meant', async () => {
    const badPath = join(folder, 'misspelt.json');
    writeFileSync(badPath, JSON.stringify({ models: { claude: { targets: [{ provider: 'bedrock', aws_regoin: 'us-east-1' }] } } }));
    await expect(startTestGateway({ configFile: badPath })).rejects.toThrow(/config file: Invalid models\.claude: 'targets\[0\]\.aws_regoin' is not a setting of provider 'bedrock'.*Did you mean 'aws_region'\?/);
  });
});
