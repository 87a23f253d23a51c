import { describe, expect, it } from 'vitest';
import { recordedHeaders } from './record-headers.js';

describe('the headers a record keeps', () => {
  it('drops every credential and keeps the rest', () => {
    const headers = new Headers({
      authorization: 'Bearer sk-live-1', 'x-api-key': 'sk-ant-2', 'x-portkey-api-key': 'pk-3', 'x-portkey-virtual-key': 'vk-4',
      'x-portkey-aws-secret-access-key': 'aws-5', 'x-portkey-vertex-service-account-json': '{"private_key":"pem-6"}', 'x-goog-api-key': 'g-7', cookie: 'session=c-8',
      'x-portkey-provider': 'openai', 'user-agent': 'OpenAI/JS 5.0', 'x-portkey-metadata': '{"team":"a"}',
      'x-portkey-config': JSON.stringify({ strategy: { mode: 'fallback' }, targets: [{ provider: 'openai', api_key: 'sk-9' }, { provider: 'bedrock', aws_secret_access_key: 'aws-10', aws_session_token: 't-11' }] }),
    });
    const kept = recordedHeaders(headers);
    const text = JSON.stringify(kept);
    for (const secret of ['sk-live-1', 'sk-ant-2', 'pk-3', 'vk-4', 'aws-5', 'pem-6', 'g-7', 'c-8', 'sk-9', 'aws-10', 't-11']) expect(text).not.toContain(secret);
    expect(kept).toMatchObject({ 'x-portkey-provider': 'openai', 'user-agent': 'OpenAI/JS 5.0', 'x-portkey-metadata': '{"team":"a"}' });
    expect(JSON.parse(kept['x-portkey-config'])).toEqual({ strategy: { mode: 'fallback' }, targets: [{ provider: 'openai', api_key: '***' }, { provider: 'bedrock', aws_secret_access_key: '***', aws_session_token: '***' }] });
  });

  it('takes secrets out of URLs in headers and configs', () => {
    const kept = recordedHeaders(new Headers({ 'x-portkey-custom-host': 'http://admin:pw-12@llm.internal/v1', 'x-portkey-config': JSON.stringify({ provider: 'openai', custom_host: 'https://llm.internal/v1?api-key=q-13' }) }));
    expect(JSON.stringify(kept)).not.toMatch(/pw-12|q-13/);
  });

  it('keeps the name of a server-side config as it is', () => {
    expect(recordedHeaders(new Headers({ 'x-portkey-config': 'production' }))['x-portkey-config']).toBe('production');
  });
});
