import { describe, expect, it } from 'vitest';
import { credentialValues, withoutCredentials } from './credential-values.js';

describe('the credentials taken out of a record', () => {
  it('come from the credential headers, the config header and custom hosts', () => {
    const headers = new Headers({
      authorization: 'Bearer sk-bearer-0001',
      'x-api-key': 'sk-ant-key-0002',
      'x-portkey-aws-secret-access-key': 'aws-secret-0003',
      'x-portkey-vertex-service-account-json': JSON.stringify({ private_key: '-----BEGIN KEY-----\nabc\n-----END KEY-----' }),
      'x-portkey-custom-host': 'http://admin:password-0004@llm.internal/v1',
      'x-portkey-config': JSON.stringify({ targets: [{ provider: 'openai', api_key: 'sk-config-0005', custom_host: 'http://user:password-0006@host/v1' }] }),
      'x-portkey-provider': 'openai-compatible',
      'user-agent': 'OpenAI/JS 5.0.0',
    });
    const values = credentialValues(headers, []);
    const text = withoutCredentials(
      'got sk-bearer-0001, sk-ant-key-0002, aws-secret-0003, "-----BEGIN KEY-----\\nabc\\n-----END KEY-----", password-0004, sk-config-0005, password-0006 from OpenAI/JS 5.0.0 via openai-compatible',
      values,
    );
    expect(text).toBe('got ***, ***, ***, "***", ***, ***, *** from OpenAI/JS 5.0.0 via openai-compatible');
  });

  it("come from the targets called: an operator's key and a provider's secret settings", () => {
    const values = credentialValues(new Headers(), [
      { provider: 'openai', apiKey: 'sk-operator-0007', settings: {} },
      { provider: 'bedrock', settings: { aws_region: 'us-east-1', aws_secret_access_key: 'aws-secret-0008', aws_session_token: 'aws-session-0009' } },
    ]);
    expect(withoutCredentials('sk-operator-0007 aws-secret-0008 aws-session-0009 in us-east-1', values)).toBe('*** *** *** in us-east-1');
  });

  it('leave short placeholder values alone, and take a longer key out whole', () => {
    const values = credentialValues(new Headers({ 'x-api-key': 'test' }), [
      { provider: 'openai', apiKey: 'sk-key-0010', settings: {} },
      { provider: 'openai', apiKey: 'sk-key-0010-long', settings: {} },
    ]);
    expect(withoutCredentials('a test of sk-key-0010-long', values)).toBe('a test of ***');
  });

  it('come from a config header seen before as from a new one, and never from another config', () => {
    const config = (key: string) => new Headers({ 'x-portkey-config': JSON.stringify({ provider: 'openai', api_key: key }) });
    for (let round = 0; round < 3; round += 1) {
      expect(credentialValues(config('sk-config-first-0014'), [])).toEqual(['sk-config-first-0014']);
      expect(credentialValues(config('sk-config-second-0015'), [])).toEqual(['sk-config-second-0015']);
    }
    // More distinct configs than are remembered: the first is read again, as it was.
    for (let index = 0; index < 300; index += 1) credentialValues(config(`sk-config-many-${index}-0016`), []);
    expect(credentialValues(config('sk-config-first-0014'), [])).toEqual(['sk-config-first-0014']);
  });
});
