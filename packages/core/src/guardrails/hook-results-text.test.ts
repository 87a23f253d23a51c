import { describe, expect, it } from 'vitest';
import { hookResultsText } from './hook-results-text.js';
import type { HookResult } from './run-hooks.js';

const createdAt = '2026-12-07T12:00:00.000Z';
const hook = (id: string, overrides: Partial<HookResult> = {}): HookResult => ({
  id, type: 'guardrail', verdict: true, deny: true, async: false, transformed: false,
  checks: [
    { id: 'default.contains', verdict: true, data: { operator: 'none', foundWords: [], missingWords: ['pass"word'] }, execution_time: 1, created_at: createdAt },
    { id: 'default.webhook', verdict: false, data: null, error: 'the webhook did not answer\n in time', execution_time: 3000, created_at: createdAt },
  ],
  feedback: { value: 5, weight: 1, metadata: { successfulChecks: 'default.contains', failedChecks: '', erroredChecks: 'default.webhook' } },
  execution_time: 3001, created_at: createdAt, ...overrides,
});

describe('hookResultsText', () => {
  it('is the JSON text of the results, made once, and leaves their JSON as it was', () => {
    const results = { before_request_hooks: [hook('input_guardrail_0'), hook('input "quoted"', { feedback: null, execution_time: Number.NaN })], after_request_hooks: [hook('output_guardrail_0', { verdict: false, checks: [] })] };
    const text = hookResultsText(results);
    expect(text).toBe(JSON.stringify(results));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(results)));
    expect(hookResultsText(results)).toBe(text);
    expect(JSON.stringify(results)).toBe(text);
    expect(Object.keys(results)).toEqual(['before_request_hooks', 'after_request_hooks']);
  });

  it('serialises anything else as JSON.stringify does', () => {
    const other = { before_request_hooks: [{ id: 'partial' }], after_request_hooks: [], extra: true };
    expect(hookResultsText(other)).toBe(JSON.stringify(other));
  });

  it('serialises results again once many later ones were serialised', () => {
    const results = { before_request_hooks: [], after_request_hooks: [] };
    expect(hookResultsText(results)).toBe('{"before_request_hooks":[],"after_request_hooks":[]}');
    for (let index = 0; index < 100; index += 1) hookResultsText({ index });
    results.after_request_hooks = [];
    expect(hookResultsText(results)).toBe('{"before_request_hooks":[],"after_request_hooks":[]}');
  });
});
