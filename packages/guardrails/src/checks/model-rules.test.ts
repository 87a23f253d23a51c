import { describe, expect, it } from 'vitest';
import { modelRules } from './model-rules.js';
import { runChecked, safetyContext } from '../../test/safety-context.js';

const rules = {
  defaults: ['gpt-4o-mini'],
  metadata: { tier: { free: ['gpt-4o-mini'], pro: ['gpt-4o', 'o1'] }, team: { research: ['*'] } },
};

describe('default.modelRules', () => {
  it('uses the list of the metadata value the request carries', async () => {
    const pro = await runChecked(modelRules, safetyContext({ model: 'o1', metadata: { tier: 'pro' } }), { rules });
    expect(pro.verdict).toBe(true);
    expect(pro.data).toMatchObject({ matchedRules: ['tier:pro'], usedDefaults: false });
    expect((await runChecked(modelRules, safetyContext({ model: 'o1', metadata: { tier: 'free' } }), { rules })).verdict).toBe(false);
  });

  it('falls back to the defaults when no rule matches', async () => {
    const result = await runChecked(modelRules, safetyContext({ model: 'gpt-4o', metadata: { tier: 'unknown' } }), { rules });
    expect(result.verdict).toBe(false);
    expect(result.data).toMatchObject({ usedDefaults: true });
  });

  it('joins the lists of every matching key, and * allows any model', async () => {
    expect((await runChecked(modelRules, safetyContext({ model: 'claude-opus', metadata: { tier: 'free', team: 'research' } }), { rules })).verdict).toBe(true);
  });

  it('with not: true refuses the resolved models', async () => {
    expect((await runChecked(modelRules, safetyContext({ model: 'gpt-4o-mini' }), { rules, not: true })).verdict).toBe(false);
    expect((await runChecked(modelRules, safetyContext({ model: 'o1' }), { rules, not: true })).verdict).toBe(true);
  });

  it('throws when the rules resolve to no model for the request', async () => {
    await expect(runChecked(modelRules, safetyContext(), { rules: { metadata: { tier: { pro: ['o1'] } } } })).rejects.toThrow('resolve to no model');
  });

  it('refuses rules of the wrong shape when the config is read', () => {
    expect(modelRules.validate!({})).toMatch("'rules' is required");
    expect(modelRules.validate!({ rules: { defaults: 'gpt-4o' } })).toMatch("'rules.defaults' must be a list");
    expect(modelRules.validate!({ rules: { metadata: { tier: ['gpt-4o'] } } })).toMatch("'rules.metadata.tier' must map");
    expect(modelRules.validate!({ rules: { default: ['gpt-4o'] } })).toMatch("not 'default'");
    expect(modelRules.validate!({ rules })).toBeUndefined();
  });
});
