import { describe, expect, it } from 'vitest';
import type { ProviderSettingV1, ProviderV1, TargetOptions } from '@ai-gateway/spec';
import { checkRequiredSettings, headerSettingValue } from './setting-values.js';
import { createProviderSettingsIndex } from './provider-settings-index.js';
import { errorOf } from '../../test/thrown-by.js';

function provider(id: string, settings?: readonly ProviderSettingV1[]): ProviderV1 {
  return { specificationVersion: 'v1', id, baseUrl: () => 'http://127.0.0.1:9/v1', headers: () => ({}), endpoints: {}, settings };
}

const index = createProviderSettingsIndex([
  provider('bedrock', [{ name: 'aws_region', type: 'string', description: 'the region' }]),
  provider('vertex-ai', [{ name: 'vertex_region', type: 'string', required: true, description: 'the region, e.g. us-central1' }]),
  provider('tuned', [{ name: 'temperature_floor', type: 'number', description: 'a floor' }, { name: 'fast_lane', type: 'boolean', description: 'a switch' }]),
]);
const gatewayHeaders = ['x-portkey-provider', 'x-portkey-custom-host'];

function headerValue(header: string, text: string, settings = index): unknown {
  return headerSettingValue(header, header.slice('x-portkey-'.length).replaceAll('-', '_'), text, settings, gatewayHeaders);
}

describe('headerSettingValue', () => {
  it('takes a header that some provider declares, in the declared type', () => {
    expect(headerValue('x-portkey-aws-region', 'us-east-1')).toBe('us-east-1');
    expect(headerValue('x-portkey-temperature-floor', '0.25')).toBe(0.25);
    expect(headerValue('x-portkey-fast-lane', 'true')).toBe(true);
    expect(headerValue('x-portkey-fast-lane', 'false')).toBe(false);
  });

  it('refuses a header no provider declares with 400 unknown_setting naming it, and the likely header', () => {
    const error = errorOf(() => headerValue('x-portkey-aws-regoin', 'us-east-1'));
    expect(error.status).toBe(400);
    expect(error.code).toBe('unknown_setting');
    expect(error.param).toBe('x-portkey-aws-regoin');
    expect(error.message).toContain('Unknown header x-portkey-aws-regoin');
    expect(error.message).toContain('Did you mean x-portkey-aws-region?');
    expect(errorOf(() => headerValue('x-portkey-custom-hots', 'http://x')).message).toContain('Did you mean x-portkey-custom-host?');
  });

  it('refuses header text that is not of the declared type with 400 invalid_setting', () => {
    for (const [header, text] of [['x-portkey-temperature-floor', 'low'], ['x-portkey-temperature-floor', ' '], ['x-portkey-fast-lane', 'yes']]) {
      const error = errorOf(() => headerValue(header, text));
      expect(error.code).toBe('invalid_setting');
      expect(error.param).toBe(header);
    }
  });

  it('takes any header as text while a registered provider declares no settings', () => {
    const withLegacy = createProviderSettingsIndex([provider('legacy'), provider('bedrock', [])]);
    expect(headerValue('x-portkey-aws-regoin', 'us-east-1', withLegacy)).toBe('us-east-1');
  });
});

describe('checkRequiredSettings', () => {
  const vertex = index.of('vertex-ai')!;
  const target = (settings: Record<string, unknown>): TargetOptions => ({ provider: 'vertex-ai', settings });

  it('passes when the required setting is there', () => {
    expect(() => checkRequiredSettings(vertex, target({ vertex_region: 'us-central1' }))).not.toThrow();
  });

  it.each([{}, { vertex_region: null }, { vertex_region: '  ' }])('answers 400 missing_<name> naming the header and the config field (%j)', (settings) => {
    const error = errorOf(() => checkRequiredSettings(vertex, target(settings)));
    expect(error.status).toBe(400);
    expect(error.code).toBe('missing_vertex_region');
    expect(error.param).toBe('vertex_region');
    expect(error.message).toContain('x-portkey-vertex-region');
    expect(error.message).toContain('`vertex_region`');
  });
});
