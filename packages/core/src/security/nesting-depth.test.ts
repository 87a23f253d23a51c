import { describe, expect, it } from 'vitest';
import { GatewayError } from '@ai-gateway/provider-utils';
import { bodyDepthLimit, checkBodyDepth, isNestedDeeperThan } from './nesting-depth.js';

const nested = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);

describe('isNestedDeeperThan', () => {
  it('counts the outermost object or array as level 1', () => {
    expect(isNestedDeeperThan(1, 0)).toBe(false);
    expect(isNestedDeeperThan({}, 1)).toBe(false);
    expect(isNestedDeeperThan({ a: [] }, 1)).toBe(true);
    expect(isNestedDeeperThan({ a: [1, 'x', null], b: { c: {} } }, 3)).toBe(false);
    expect(isNestedDeeperThan({ a: [1, 'x', null], b: { c: { d: [] } } }, 3)).toBe(true);
  });

  it('checks a million levels without overflowing its own stack', () => {
    expect(isNestedDeeperThan(nested(1_000_000), bodyDepthLimit)).toBe(true);
  });
});

describe('checkBodyDepth', () => {
  it('answers 400 too_deeply_nested past the body limit', () => {
    const text = JSON.stringify(nested(bodyDepthLimit + 1));
    let error: unknown;
    try {
      checkBodyDepth(nested(bodyDepthLimit + 1), text.length);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'too_deeply_nested' });
    expect(() => checkBodyDepth(nested(bodyDepthLimit), JSON.stringify(nested(bodyDepthLimit)).length)).not.toThrow();
  });
});
