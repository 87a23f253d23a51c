import { describe, expect, it } from 'vitest';
import { runChecked, safetyContext } from '../../test/safety-context.js';
import { secrets } from './secrets.js';

// Made-up credentials in each vendor's shape.
const samples: Record<string, string> = {
  OPENAI_API_KEY: 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_A-b',
  ANTHROPIC_API_KEY: 'sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe-AbCdEf',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  GITHUB_TOKEN: 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  GOOGLE_API_KEY: 'AIzaSyA-1234567890abcdefghijklmnopqrstu',
  SLACK_TOKEN: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp',
  STRIPE_SECRET_KEY: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  JWT: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

const privateKey = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu', 'KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==', '-----END RSA PRIVATE KEY-----'].join('\n');

async function found(text: string): Promise<Record<string, number>> {
  return ((await runChecked(secrets, safetyContext({ text }))).data as { found: Record<string, number> }).found;
}

describe('default.secrets', () => {
  it('finds each kind of credential and fails, reporting kinds and counts, never the values', async () => {
    for (const [kind, value] of Object.entries(samples)) {
      const result = await runChecked(secrets, safetyContext({ text: `here it is: ${value} thanks` }));
      expect(result.verdict, kind).toBe(false);
      expect(result.data, kind).toMatchObject({ found: { [kind]: 1 } });
      expect(JSON.stringify(result.data)).not.toContain(value);
    }
  });

  it('finds the legacy OpenAI shape, and tells Anthropic keys from OpenAI ones', async () => {
    expect(await found(`sk-${'a1B2'.repeat(12)}`)).toEqual({ OPENAI_API_KEY: 1 });
    expect(await found(samples.ANTHROPIC_API_KEY)).toEqual({ ANTHROPIC_API_KEY: 1 });
  });

  it('finds an AWS secret key only where it is labelled, and masks the key but not the label', async () => {
    expect(await found('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toEqual({});
    const config = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n{"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}';
    const result = await runChecked(secrets, safetyContext({ text: config }), { redact: true });
    expect(result.transformedSegments).toEqual(['aws_secret_access_key = [REDACTED_AWS_SECRET_ACCESS_KEY]\n{"SecretAccessKey": "[REDACTED_AWS_SECRET_ACCESS_KEY]"}']);
  });

  it('masks a whole PEM private key block, and a block cut short up to the end of its base64', async () => {
    const result = await runChecked(secrets, safetyContext({ text: `key:\n${privateKey}\nbye` }), { redact: true });
    expect(result.transformedSegments).toEqual(['key:\n[REDACTED_PRIVATE_KEY]\nbye']);
    const cut = privateKey.split('\n').slice(0, 3).join('\n');
    const cutResult = await runChecked(secrets, safetyContext({ text: `${cut}\n\nWhat does this key do?` }), { redact: true });
    expect(cutResult.transformedSegments).toEqual(['[REDACTED_PRIVATE_KEY]\n\nWhat does this key do?']);
  });

  it('leaves look-alikes alone', async () => {
    for (const text of ['use sk-learn-is-a-great-library for ML', 'the AKIA prefix', 'ghp_short', 'eyJ alone', 'xoxb-', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'AKIAIOSFODNN7EXAMPLEX']) {
      expect(await found(text), text).toEqual({});
    }
  });

  it('with redact passes and masks secrets in every segment', async () => {
    const segments = [`my key is ${samples.OPENAI_API_KEY}`, `token ${samples.GITHUB_TOKEN} and ${samples.JWT}`];
    const result = await runChecked(secrets, safetyContext({ text: segments[1], segments }), { redact: true });
    expect(result.verdict).toBe(true);
    expect(result.transformedSegments).toEqual(['my key is [REDACTED_OPENAI_API_KEY]', 'token [REDACTED_GITHUB_TOKEN] and [REDACTED_JWT]']);
  });

  it('refuses unknown kinds', () => {
    expect(secrets.validate!({ categories: ['PASSWORD'] })).toMatch('Unknown: "PASSWORD"');
    expect(secrets.validate!({ categories: ['JWT', 'PRIVATE_KEY'], redact: true })).toBeUndefined();
  });
});
