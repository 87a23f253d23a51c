import { describe, expect, it } from 'vitest';
import { hookResultsText } from './hook-results-text.js';

describe('hookResultsText', () => {
  it('is the JSON text of the results, made once, and leaves their JSON as it was', () => {
    const results = { before_request_hooks: [{ id: 'input_guardrail_0', verdict: true }], after_request_hooks: [] };
    const text = hookResultsText(results);
    expect(text).toBe('{"before_request_hooks":[{"id":"input_guardrail_0","verdict":true}],"after_request_hooks":[]}');
    expect(hookResultsText(results)).toBe(text);
    expect(JSON.stringify(results)).toBe(text);
    expect(Object.keys(results)).toEqual(['before_request_hooks', 'after_request_hooks']);
  });

  it('serialises results again once many later ones were serialised', () => {
    const results = { before_request_hooks: [], after_request_hooks: [] };
    expect(hookResultsText(results)).toBe('{"before_request_hooks":[],"after_request_hooks":[]}');
    for (let index = 0; index < 100; index += 1) hookResultsText({ index });
    results.after_request_hooks = [];
    expect(hookResultsText(results)).toBe('{"before_request_hooks":[],"after_request_hooks":[]}');
  });
});
