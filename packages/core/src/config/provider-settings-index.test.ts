import { describe, expect, it } from 'vitest';
import { closestName } from '../closest-name.js';
import type { ProviderSettingV1, ProviderV1 } from '@ai-gateway/spec';
import { createProviderSettingsIndex } from './provider-settings-index.js';

function provider(id: string, settings?: readonly ProviderSettingV1[]): ProviderV1 {
  return { specificationVersion: 'v1', id, baseUrl: () => 'http://127.0.0.1:9/v1', headers: () => ({}), endpoints: {}, settings };
}

describe('createProviderSettingsIndex', () => {
  it("indexes each provider's settings, the required ones, and one type per name across providers", () => {
    const index = createProviderSettingsIndex([
      provider('a', [{ name: 'zone', type: 'string', required: true, description: 'z' }, { name: 'beta', type: 'string', description: 'b' }]),
      provider('b', [{ name: 'beta', type: 'string', description: 'b' }, { name: 'limit', type: 'number', description: 'l' }]),
    ]);
    expect(index.of('a')?.names).toEqual(['beta', 'zone']);
    expect(index.of('a')?.required.map((setting) => setting.name)).toEqual(['zone']);
    expect(index.of('b')?.required).toEqual([]);
    expect(index.typeOf('limit')).toBe('number');
    expect(index.typeOf('nothing')).toBeUndefined();
    expect(index.allNames).toEqual(['beta', 'limit', 'zone']);
    expect(index.acceptsUndeclared).toBe(false);
  });

  it('marks a registry with a provider that declares nothing: its settings go unchecked', () => {
    const index = createProviderSettingsIndex([provider('a', []), provider('old')]);
    expect(index.of('old')).toBeUndefined();
    expect(index.of('a')?.names).toEqual([]);
    expect(index.acceptsUndeclared).toBe(true);
  });

  it.each([
    [[{ name: 'AwsRegion', type: 'string', description: '' }], /'AwsRegion', which is not a snake_case name/],
    [[{ name: 'api_key', type: 'string', description: '' }], /'api_key', which is a config field of the gateway itself/],
    [[{ name: 'zone', type: 'text', description: '' }], /'zone', with the unknown type 'text'/],
    [[{ name: 'zone', type: 'string', description: '' }, { name: 'zone', type: 'string', description: '' }], /'zone', twice/],
  ])('refuses at start-up a declaration that cannot work (%#)', (settings, message) => {
    expect(() => createProviderSettingsIndex([provider('bad', settings as ProviderSettingV1[])])).toThrow(message);
  });

  it('refuses two providers giving one name different types, since a header sets it for both', () => {
    expect(() => createProviderSettingsIndex([
      provider('a', [{ name: 'limit', type: 'string', description: '' }]),
      provider('b', [{ name: 'limit', type: 'number', description: '' }]),
    ])).toThrow(/provider 'b' declares the setting 'limit', as a number, but provider 'a' declares it as a string/);
  });
});

describe('closestName', () => {
  it('finds a slip: a swap, a missing or extra letter, a wrong one', () => {
    const names = ['aws_region', 'aws_session_token', 'vertex_region'];
    expect(closestName('aws_regoin', names)).toBe('aws_region');
    expect(closestName('aws_regin', names)).toBe('aws_region');
    expect(closestName('aws_sesion_token', names)).toBe('aws_session_token');
    expect(closestName('vertex_regian', names)).toBe('vertex_region');
  });

  it('suggests nothing for another word, or for a long name', () => {
    expect(closestName('model', ['aws_region'])).toBeUndefined();
    expect(closestName('x'.repeat(200), ['x'.repeat(199)])).toBeUndefined();
  });
});
