/**
 * `x-portkey-forward-headers` and a target's `forward_headers` send a client's own headers
 * upstream, and nothing the gateway owns: the connection and framing, credentials, proxy headers
 * and the gateway's `x-portkey-*` settings answer 400 naming the list and the refused name.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../node-harness.js';

// A gateway and one healthy upstream for the file; the upstream's record is cleared before each test.
const harness = useHarness(1);

function chat(headers: Record<string, string>) {
  return fetch(`${harness.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer sk-client',
      'x-api-key': 'sk-other',
      cookie: 'session=1',
      'x-my-tenant': 'tenant-7',
      'x-portkey-aws-secret-access-key': 'aws-secret',
      ...headers,
    },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    signal: AbortSignal.timeout(2_000),
  });
}

const target = () => ({ provider: 'openai', custom_host: `${harness.upstreams[0].origin}/v1` });
const headerForm = (names: string) => ({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${harness.upstreams[0].origin}/v1`, 'x-portkey-forward-headers': names });
const configForm = (names: string[]) => ({ 'x-portkey-config': JSON.stringify({ ...target(), forward_headers: names }) });

const refused = [
  'authorization', 'Proxy-Authorization', 'x-api-key', 'api-key', 'cookie', 'x-goog-api-key', 'x-amz-security-token',
  'host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade',
  'content-encoding', 'accept-encoding', 'x-forwarded-for', 'forwarded', 'x-portkey-aws-secret-access-key', 'x-portkey-config',
];

describe('forwarded headers', () => {
  it.each(refused)('refuses %s in x-portkey-forward-headers with a 400 naming the header', async (name) => {
    const response = await chat(headerForm(`x-my-tenant, ${name}`));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'x-portkey-forward-headers' });
    expect(error.message).toContain(`'${name}'`);
    expect(harness.upstreams[0].requests).toEqual([]);
  });

  it.each(refused)('refuses %s in a config target\'s forward_headers with a 400 naming the field', async (name) => {
    const response = await chat(configForm(['x-my-tenant', name]));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'forward_headers[1]' });
    expect(error.message).toContain(`'${name}'`);
    expect(harness.upstreams[0].requests).toEqual([]);
  });

  it('refuses a name that is not a header name, instead of failing inside the gateway', async () => {
    const response = await chat(configForm(['x my tenant']));
    expect(response.status).toBe(400);
    expect((await response.json()).error.param).toBe('forward_headers[0]');
  });

  it('still forwards a custom header, in either form', async () => {
    expect((await chat(headerForm('X-My-Tenant'))).status).toBe(200);
    expect((await chat(configForm(['X-My-Tenant']))).status).toBe(200);
    expect(harness.upstreams[0].requests.map((request) => request.headers['x-my-tenant'])).toEqual(['tenant-7', 'tenant-7']);
  });
});
