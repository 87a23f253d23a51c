import { describe, expect, it } from 'vitest';
import type { ProviderSettingV1, ProviderV1 } from '@ai-gateway/spec';
import { createProviderSettingsIndex } from './provider-settings-index.js';
import { parseConfigHeader } from './parse-config.js';
import { checkConfigSettings } from './provider-settings.js';
import { errorOf } from '../../test/thrown-by.js';

function provider(id: string, settings?: readonly ProviderSettingV1[]): ProviderV1 {
  return { specificationVersion: 'v1', id, baseUrl: () => 'http://127.0.0.1:9/v1', headers: () => ({}), endpoints: {}, settings };
}

const index = createProviderSettingsIndex([
  provider('bedrock', [
    { name: 'aws_region', type: 'string', description: 'the region' },
    { name: 'aws_access_key_id', type: 'string', description: 'the key id' },
  ]),
  provider('vertex-ai', [
    { name: 'vertex_region', type: 'string', required: true, description: 'the region' },
    { name: 'vertex_service_account_json', type: 'json', description: 'the key file' },
  ]),
  provider('tuned', [
    { name: 'temperature_floor', type: 'number', description: 'a floor' },
    { name: 'fast_lane', type: 'boolean', description: 'a switch' },
  ]),
  provider('openai', []),
]);
const withLegacy = createProviderSettingsIndex([provider('openai', []), provider('legacy')]);

function check(config: unknown, headerProvider?: string, settings = index): void {
  checkConfigSettings(parseConfigHeader(JSON.stringify(config)), headerProvider, settings);
}

describe('checkConfigSettings', () => {
  it('accepts every declared setting of the right type, and null as "not set"', () => {
    expect(() => check({ provider: 'bedrock', aws_region: 'us-east-1', aws_access_key_id: null, retry: { attempts: 1 } })).not.toThrow();
    expect(() => check({ provider: 'vertex-ai', vertex_region: 'global', vertex_service_account_json: { client_email: 'a@b' } })).not.toThrow();
    expect(() => check({ provider: 'vertex-ai', vertex_region: 'global', vertex_service_account_json: '{"client_email":"a@b"}' })).not.toThrow();
    expect(() => check({ provider: 'tuned', temperature_floor: 0.5, fast_lane: false })).not.toThrow();
  });

  it('refuses a misspelt setting with 400 unknown_setting, naming the field, the provider, its settings and the likely name', () => {
    const error = errorOf(() => check({ provider: 'bedrock', aws_regoin: 'us-east-1' }));
    expect(error.status).toBe(400);
    expect(error.type).toBe('invalid_request_error');
    expect(error.code).toBe('unknown_setting');
    expect(error.param).toBe('aws_regoin');
    expect(error.message).toContain("'aws_regoin' is not a setting of provider 'bedrock'");
    expect(error.message).toContain('aws_access_key_id, aws_region');
    expect(error.message).toContain("Did you mean 'aws_region'?");
  });

  it('names the field by its path in the tree, also in a fallback target that may never run', () => {
    const error = errorOf(() => check({
      strategy: { mode: 'fallback' },
      targets: [{ provider: 'openai' }, { strategy: { mode: 'loadbalance' }, targets: [{ provider: 'bedrock', aws_region: 'us-east-1' }, { provider: 'bedrock', aws_secret: 'x' }] }],
    }));
    expect(error.param).toBe('targets[1].targets[1].aws_secret');
  });

  it('suggests a config field of the gateway itself when that is the near one', () => {
    expect(errorOf(() => check({ provider: 'openai', reqest_timeout: 100 })).message).toContain("Did you mean 'request_timeout'?");
  });

  it('says so when the provider takes no settings at all', () => {
    const error = errorOf(() => check({ provider: 'openai', aws_region: 'us-east-1' }));
    expect(error.message).toContain("provider 'openai' (it takes no settings)");
  });

  it('refuses a value of the wrong type with 400 invalid_setting, naming the field and the type', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ provider: 'bedrock', aws_region: 1 }, 'aws_region', /must be a string/],
      [{ provider: 'vertex-ai', vertex_region: 'x', vertex_service_account_json: [1] }, 'vertex_service_account_json', /must be a JSON object/],
      [{ provider: 'tuned', temperature_floor: '0.5' }, 'temperature_floor', /must be a number/],
      [{ provider: 'tuned', fast_lane: 'yes' }, 'fast_lane', /must be true or false/],
    ];
    for (const [config, field, message] of cases) {
      const error = errorOf(() => check(config));
      expect(error.status).toBe(400);
      expect(error.code).toBe('invalid_setting');
      expect(error.param).toBe(field);
      expect(error.message).toMatch(message);
    }
  });

  it('lets a parent carry a setting for some of the targets below it; the others ignore it', () => {
    expect(() => check({ aws_region: 'us-east-1', strategy: { mode: 'fallback' }, targets: [{ provider: 'bedrock' }, { provider: 'openai' }] })).not.toThrow();
  });

  it('refuses a parent setting that no provider below it reads, and one of the wrong type for a provider that does', () => {
    const unknown = errorOf(() => check({ aws_regoin: 'us-east-1', strategy: { mode: 'fallback' }, targets: [{ provider: 'bedrock' }, { provider: 'openai' }] }));
    expect(unknown.code).toBe('unknown_setting');
    expect(unknown.param).toBe('aws_regoin');
    expect(unknown.message).toContain("'bedrock', 'openai'");
    expect(unknown.message).toContain("Did you mean 'aws_region'?");
    const wrongType = errorOf(() => check({ aws_region: 7, targets: [{ provider: 'bedrock' }] }));
    expect(wrongType.code).toBe('invalid_setting');
  });

  it("checks a target without a provider against the request's x-portkey-provider", () => {
    expect(() => check({ aws_region: 'us-east-1' }, 'bedrock')).not.toThrow();
    expect(errorOf(() => check({ aws_region: 'us-east-1' }, 'openai')).code).toBe('unknown_setting');
  });

  it('leaves alone providers that declare no settings, unknown providers, and parents of such targets', () => {
    expect(() => check({ provider: 'legacy', anything: { at: 'all' } }, undefined, withLegacy)).not.toThrow();
    expect(() => check({ anything: 1, targets: [{ provider: 'openai' }, { provider: 'legacy' }] }, undefined, withLegacy)).not.toThrow();
    expect(() => check({ provider: 'not-registered', anything: 1 })).not.toThrow();
    expect(() => check({ anything: 1 })).not.toThrow();
  });

  it('does not check requiredness: a setting needed on every call is checked when the call is made', () => {
    expect(() => check({ provider: 'vertex-ai' })).not.toThrow();
  });

  it('names the config it checks', () => {
    const config = parseConfigHeader(JSON.stringify({ provider: 'bedrock', aws_regoin: 'x' }));
    expect(errorOf(() => checkConfigSettings(config, undefined, index, "server-side config 'prod'")).message).toMatch(/^Invalid server-side config 'prod': /);
  });
});
