import { describe, expect, it } from 'vitest';
import { modelWhitelist } from './model-whitelist.js';
import { runChecked, safetyContext } from '../../test/safety-context.js';

describe('default.modelWhitelist', () => {
  it('passes a listed model and fails another, with what it compared', async () => {
    const allowed = await runChecked(modelWhitelist, safetyContext({ model: 'gpt-4o-mini' }), { models: ['gpt-4o-mini', 'gpt-4o'] });
    expect(allowed.verdict).toBe(true);
    const refused = await runChecked(modelWhitelist, safetyContext({ model: 'o1' }), { models: ['gpt-4o-mini'] });
    expect(refused.verdict).toBe(false);
    expect(refused.data).toMatchObject({ requestedModel: 'o1', models: ['gpt-4o-mini'], not: false });
  });

  it('with not: true turns the list into the models refused', async () => {
    expect((await runChecked(modelWhitelist, safetyContext({ model: 'o1' }), { models: ['o1'], not: true })).verdict).toBe(false);
    expect((await runChecked(modelWhitelist, safetyContext({ model: 'gpt-4o' }), { models: ['o1'], not: true })).verdict).toBe(true);
  });

  it('takes * as every model, and matches other entries exactly (no prefix globs)', async () => {
    expect((await runChecked(modelWhitelist, safetyContext({ model: 'anything-at-all' }), { models: ['*'] })).verdict).toBe(true);
    expect((await runChecked(modelWhitelist, safetyContext({ model: 'gpt-4o-mini' }), { models: ['gpt-4o'] })).verdict).toBe(false);
    expect((await runChecked(modelWhitelist, safetyContext({ model: 'gpt-4o-mini' }), { models: ['gpt-*'] })).verdict).toBe(false);
  });

  it('throws when the request names no model, so the hook reports an error rather than a verdict', async () => {
    await expect(runChecked(modelWhitelist, safetyContext({ model: undefined }), { models: ['gpt-4o'] })).rejects.toThrow('names no model');
  });

  it('refuses configs without a model list, with a wrong not, or with parameters it does not take', () => {
    expect(modelWhitelist.validate!({})).toMatch("'models' is required");
    expect(modelWhitelist.validate!({ models: [] })).toMatch("'models' must be a non-empty list");
    expect(modelWhitelist.validate!({ models: ['a'], not: 'yes' })).toMatch("'not' must be true or false");
    expect(modelWhitelist.validate!({ models: ['a'], inverse: true })).toMatch("unknown parameter 'inverse'");
  });
});
