import { describe, expect, it } from 'vitest';
import { allowedRequestTypes } from './allowed-request-types.js';
import { runChecked, safetyContext } from '../../test/safety-context.js';

describe('default.allowedRequestTypes', () => {
  it('passes the allowed types only', async () => {
    expect((await runChecked(allowedRequestTypes, safetyContext({ requestType: 'chatComplete' }), { allowedTypes: ['chatComplete', 'embed'] })).verdict).toBe(true);
    const refused = await runChecked(allowedRequestTypes, safetyContext({ requestType: 'complete' }), { allowedTypes: ['chatComplete', 'embed'] });
    expect(refused.verdict).toBe(false);
    expect(refused.data).toMatchObject({ currentRequestType: 'complete', source: 'parameters' });
  });

  it('refuses blocked types, and takes comma-separated strings as Portkey does', async () => {
    expect((await runChecked(allowedRequestTypes, safetyContext({ requestType: 'embed' }), { blockedTypes: 'embed, imageGenerate' })).verdict).toBe(false);
    expect((await runChecked(allowedRequestTypes, safetyContext({ requestType: 'chatComplete' }), { blockedTypes: 'embed, imageGenerate' })).verdict).toBe(true);
  });

  it('reads supported_endpoints and blocked_endpoints from the metadata when the config gives no list', async () => {
    const allowed = await runChecked(allowedRequestTypes, safetyContext({ requestType: 'messages', metadata: { supported_endpoints: 'messages,chatComplete' } }));
    expect(allowed.verdict).toBe(true);
    expect(allowed.data).toMatchObject({ source: 'metadata' });
    expect((await runChecked(allowedRequestTypes, safetyContext({ requestType: 'embed', metadata: { blocked_endpoints: 'embed' } }))).verdict).toBe(false);
  });

  it('passes everything when nothing restricts it', async () => {
    const result = await runChecked(allowedRequestTypes, safetyContext({ requestType: 'responses' }), { allowedTypes: [], blockedTypes: [] });
    expect(result.verdict).toBe(true);
    expect(result.data).toMatchObject({ source: 'default' });
  });

  it('refuses a type both allowed and blocked: in the config when it is read, in the metadata when the request runs', async () => {
    expect(allowedRequestTypes.validate!({ allowedTypes: ['embed', 'complete'], blockedTypes: ['embed'] })).toMatch("embed is in both 'allowedTypes' and 'blockedTypes'");
    await expect(runChecked(allowedRequestTypes, safetyContext({ metadata: { supported_endpoints: 'embed', blocked_endpoints: 'embed' } }))).rejects.toThrow('both allowed and blocked');
    expect(allowedRequestTypes.validate!({ allowedTypes: [1] })).toMatch("'allowedTypes' must be a list of strings");
  });
});
