import { describe, expect, it } from 'vitest';
import type { ThinkingBlock } from '@ai-gateway/provider-utils';
import { createReasoningSeal, sealedReasoningPrefix } from './reasoning-seal.js';
import { readGatewaySettings } from '../settings/read-gateway-settings.js';

const blocks: ThinkingBlock[] = [{ type: 'thinking', thinking: 'Think.', signature: 'sig' }, { type: 'redacted_thinking', data: 'opaque' }];
const secretKey = new Uint8Array(32).fill(7);

describe('reasoning seal', () => {
  it('opens what it sealed, for the same owner only', async () => {
    const seal = createReasoningSeal(secretKey);
    const sealed = await seal.seal(blocks, 'owner-a');
    expect(sealed.startsWith(sealedReasoningPrefix)).toBe(true);
    expect(sealed).not.toContain('Think');
    expect(await seal.open(sealed, 'owner-a', 'p')).toEqual(blocks);
    await expect(seal.open(sealed, 'owner-b', 'p')).rejects.toMatchObject({ status: 400, code: 'invalid_encrypted_content', param: 'p' });
  });

  it('opens across gateways sharing the secret key, and not across keys', async () => {
    const sealed = await createReasoningSeal(secretKey).seal(blocks, 'owner');
    expect(await createReasoningSeal(secretKey).open(sealed, 'owner', 'p')).toEqual(blocks);
    await expect(createReasoningSeal(new Uint8Array(32).fill(8)).open(sealed, 'owner', 'p')).rejects.toMatchObject({ code: 'invalid_encrypted_content' });
    await expect(createReasoningSeal().open(sealed, 'owner', 'p')).rejects.toMatchObject({ code: 'invalid_encrypted_content' });
  });

  it('refuses content too short or not base64', async () => {
    const seal = createReasoningSeal(secretKey);
    await expect(seal.open(`${sealedReasoningPrefix}AAAA`, 'owner', 'p')).rejects.toMatchObject({ code: 'invalid_encrypted_content' });
    await expect(seal.open(`${sealedReasoningPrefix}!!!`, 'owner', 'p')).rejects.toMatchObject({ code: 'invalid_encrypted_content' });
  });

  it('reads AI_GATEWAY_SECRET_KEY as 32 bytes of base64, and stops start-up on anything else', () => {
    const text = btoa(String.fromCharCode(...secretKey));
    expect(readGatewaySettings({ AI_GATEWAY_SECRET_KEY: text }).secretKey).toEqual(secretKey);
    expect(readGatewaySettings({}).secretKey).toBeUndefined();
    expect(() => readGatewaySettings({ AI_GATEWAY_SECRET_KEY: 'too-short' })).toThrow(/AI_GATEWAY_SECRET_KEY must be 32 random bytes/);
    expect(() => readGatewaySettings({ AI_GATEWAY_SECRET_KEY: btoa('sixteen bytes!!!') })).toThrow(/AI_GATEWAY_SECRET_KEY/);
  });
});
