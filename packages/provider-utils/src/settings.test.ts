import { describe, expect, it } from 'vitest';
import { stringSetting } from './settings.js';

describe('stringSetting', () => {
  it('reads the first of its names that is set, trimmed', () => {
    const target = { settings: { azure_resource_name: ' west-eu ', resource_name: '' } };
    expect(stringSetting(target, 'resource_name', 'azure_resource_name')).toBe('west-eu');
  });

  it('counts blank and non-string values as not set', () => {
    expect(stringSetting({ settings: { a: '  ', b: 3, c: null } }, 'a', 'b', 'c', 'missing')).toBeUndefined();
  });
});
