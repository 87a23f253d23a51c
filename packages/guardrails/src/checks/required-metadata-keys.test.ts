import { describe, expect, it } from 'vitest';
import { requiredMetadataKeys } from './required-metadata-keys.js';
import { runChecked, safetyContext } from '../../test/safety-context.js';

const metadata = { user: 'u-1', team: 'search' };

describe('default.requiredMetadataKeys', () => {
  it('with all (the default) needs every key, and reports what is missing', async () => {
    expect((await runChecked(requiredMetadataKeys, safetyContext({ metadata }), { metadataKeys: ['user', 'team'] })).verdict).toBe(true);
    const missing = await runChecked(requiredMetadataKeys, safetyContext({ metadata }), { metadataKeys: ['user', 'project'], operator: 'all' });
    expect(missing.verdict).toBe(false);
    expect(missing.data).toMatchObject({ found_metadata_keys: ['user'], missing_metadata_keys: ['project'] });
  });

  it('with any needs one key, with none needs them all absent', async () => {
    expect((await runChecked(requiredMetadataKeys, safetyContext({ metadata }), { metadataKeys: ['project', 'team'], operator: 'any' })).verdict).toBe(true);
    expect((await runChecked(requiredMetadataKeys, safetyContext({ metadata }), { metadataKeys: ['project'], operator: 'any' })).verdict).toBe(false);
    expect((await runChecked(requiredMetadataKeys, safetyContext({ metadata }), { metadataKeys: ['project'], operator: 'none' })).verdict).toBe(true);
    expect((await runChecked(requiredMetadataKeys, safetyContext({ metadata }), { metadataKeys: ['team'], operator: 'none' })).verdict).toBe(false);
  });

  it('does not take inherited names as keys', async () => {
    expect((await runChecked(requiredMetadataKeys, safetyContext({ metadata: {} }), { metadataKeys: ['toString'] })).verdict).toBe(false);
  });

  it('refuses a missing key list or an unknown operator', () => {
    expect(requiredMetadataKeys.validate!({})).toMatch("'metadataKeys' is required");
    expect(requiredMetadataKeys.validate!({ metadataKeys: ['a'], operator: 'some' })).toMatch("'operator' must be one of all, any, none");
  });
});
