/**
 * Each provider declares its settings, and the gateway holds requests to them: a misspelt config
 * field or `x-portkey-*` header, or a value of the wrong type, answers 400 naming it before any
 * upstream call, instead of being dropped. The headers the portkey-ai SDKs send on their own, and
 * the settings providers do declare, keep working.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '@ai-gateway/core';
import { builtinProviders } from '@ai-gateway/providers';
import { openAIMockHandler, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { startGateway, type RunningGateway } from '../src/index.js';

let upstream: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startMockUpstream(openAIMockHandler());
  const serverConfig = parseServerConfig({ configs: { shared: { provider: 'openai', api_key: 'sk-operator', custom_host: `${upstream.origin}/v1` } } }, {}, builtinProviders);
  gateway = await startGateway({ port: 0, host: '127.0.0.1', serverConfig: () => serverConfig });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

/** The openai SDK, as a client of this gateway would set it up. */
function client(headers: Record<string, string>): OpenAI {
  return new OpenAI({ apiKey: 'sk-client', baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: headers });
}

async function chatError(headers: Record<string, string>): Promise<InstanceType<typeof OpenAI.BadRequestError>> {
  const error = await client(headers).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).catch((failure) => failure);
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  return error;
}

const bedrockKeys = { aws_access_key_id: 'AKIDEXAMPLE', aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const openaiTarget = () => ({ provider: 'openai', api_key: 'sk-openai', custom_host: `${upstream.origin}/v1` });

describe('provider settings', () => {
  it('answers 400 naming a misspelt config field, with the name it meant', async () => {
    const error = await chatError({ 'x-portkey-config': JSON.stringify({ provider: 'bedrock', aws_regoin: 'us-east-1', ...bedrockKeys }) });
    expect(error.status).toBe(400);
    expect(error.type).toBe('invalid_request_error');
    expect(error.code).toBe('unknown_setting');
    expect(error.param).toBe('aws_regoin');
    expect(error.message).toContain("'aws_regoin' is not a setting of provider 'bedrock'");
    expect(error.message).toContain("Did you mean 'aws_region'?");
  });

  it('checks every target before the first call: a typo in a fallback target is found though the first target answers', async () => {
    const before = upstream.requests.length;
    const config = { strategy: { mode: 'fallback' }, targets: [openaiTarget(), { provider: 'bedrock', aws_regoin: 'us-east-1', ...bedrockKeys }] };
    const error = await chatError({ 'x-portkey-config': JSON.stringify(config) });
    expect(error.param).toBe('targets[1].aws_regoin');
    expect(upstream.requests.length).toBe(before);
  });

  it('answers 400 naming a setting of another provider on a target that does not read it', async () => {
    const error = await chatError({ 'x-portkey-config': JSON.stringify({ ...openaiTarget(), vertex_region: 'us-central1' }) });
    expect(error.code).toBe('unknown_setting');
    expect(error.param).toBe('vertex_region');
    expect(error.message).toContain("provider 'openai' (its settings are openai_beta, openai_organization, openai_project)");
  });

  it('answers 400 naming a misspelt x-portkey-* header', async () => {
    const error = await chatError({ 'x-portkey-provider': 'bedrock', 'x-portkey-aws-regoin': 'us-east-1', 'x-portkey-aws-access-key-id': 'AKIDEXAMPLE' });
    expect(error.code).toBe('unknown_setting');
    expect(error.param).toBe('x-portkey-aws-regoin');
    expect(error.message).toContain('Did you mean x-portkey-aws-region?');
  });

  it('answers 400 naming a setting of the wrong type', async () => {
    const error = await chatError({ 'x-portkey-config': JSON.stringify({ targets: [{ provider: 'bedrock', aws_region: 1, ...bedrockKeys }] }) });
    expect(error.code).toBe('invalid_setting');
    expect(error.param).toBe('targets[0].aws_region');
    expect(error.message).toContain('must be a string');
  });

  it('answers 400 missing_<name> for a setting the provider needs on every call, before calling it', async () => {
    const before = upstream.requests.length;
    const error = await chatError({ 'x-portkey-provider': 'vertex-ai', 'x-portkey-vertex-project-id': 'my-project', 'x-portkey-custom-host': `${upstream.origin}/v1` });
    expect(error.code).toBe('missing_vertex_region');
    expect(error.param).toBe('vertex_region');
    expect(error.message).toContain('x-portkey-vertex-region');
    expect(upstream.requests.length).toBe(before);
  });

  it('sends the settings a provider declares, from a header or a config field', async () => {
    const fromHeader = client({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1`, 'x-portkey-openai-organization': 'org-from-header' });
    await fromHeader.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(upstream.requests.at(-1)?.headers['openai-organization']).toBe('org-from-header');
    const fromConfig = client({ 'x-portkey-config': JSON.stringify({ ...openaiTarget(), openai_project: 'proj-from-config' }) });
    await fromConfig.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(upstream.requests.at(-1)?.headers['openai-project']).toBe('proj-from-config');
  });

  describe("the headers the portkey-ai SDKs send on their own", () => {
    // What portkey-ai 3.1.0 (Node) sends on every request, and what its Python client adds.
    const sdkHeaders = {
      'x-portkey-package-version': 'portkey-3.1.0',
      'x-portkey-runtime': 'node',
      'x-portkey-runtime-version': process.version,
      'x-portkey-strict-open-ai-compliance': 'false',
      'x-portkey-debug': 'false',
      'x-portkey-calculate-audio-duration': 'true',
    };

    it('pass with the openai SDK, as with no settings at all', async () => {
      const completion = await client({ ...sdkHeaders, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` })
        .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBeTruthy();
      expect(upstream.requests.at(-1)?.headers['x-portkey-runtime']).toBeUndefined();
    });

    it("pass under an operator's server-side config, which refuses the request's own settings", async () => {
      const completion = await client({ ...sdkHeaders, 'x-portkey-config': 'shared' }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBeTruthy();
      const refused = await chatError({ 'x-portkey-config': 'shared', 'x-portkey-openai-organization': 'org-1' });
      expect(refused.code).toBe('operator_config_override');
    });
  });

  it.each([
    ['x-portkey-retry-count', '3', /set `retry` in x-portkey-config/],
    ['x-portkey-cache', 'simple', /set `cache` in x-portkey-config/],
  ])("answers 400 unsupported_config for Portkey's %s header, which asks for what is configured otherwise here", async (header, value, advice) => {
    const error = await chatError({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1`, [header]: value });
    expect(error.code).toBe('unsupported_config');
    expect(error.param).toBe(header);
    expect(error.message).toMatch(advice);
  });
});
