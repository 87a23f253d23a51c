import { describe, expect, it } from 'vitest';
import type { Config } from '../config/schema.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import { readRequestOptions } from '../request/portkey-headers.js';
import { cacheKeyOf } from './cache-key.js';

const defaultBody = '{"model":"m","messages":[{"role":"user","content":"hi"}]}';

function requestWith(headers: Record<string, string> = {}, body = defaultBody, path = '/chat/completions'): GatewayRequest {
  const requestHeaders = new Headers({ 'content-type': 'application/json', ...headers });
  const rawBody = new TextEncoder().encode(body);
  return {
    endpoint: 'chatComplete',
    method: 'POST',
    path,
    search: '',
    headers: requestHeaders,
    contentType: 'application/json',
    rawBody,
    json: JSON.parse(body),
    stream: false,
    options: readRequestOptions(requestHeaders, () => 'trace'),
    configSource: 'request',
    signal: new AbortController().signal,
  };
}

const config: Config = { cache: { mode: 'simple' }, provider: 'openai', custom_host: 'http://127.0.0.1:1/v1' };
const keyOf = (request: GatewayRequest, routing: Config = config) => cacheKeyOf(request, routing);

describe('cache key', () => {
  it('is a SHA-256 in hex, the same for the same request, and holds no key', async () => {
    const key = await keyOf(requestWith({ authorization: 'Bearer sk-secret-1' }));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyOf(requestWith({ authorization: 'Bearer sk-secret-1' }))).toBe(key);
  });

  it('differs with the body, byte for byte', async () => {
    const spaced = defaultBody.replace('"hi"', ' "hi"');
    expect(await keyOf(requestWith({}, spaced))).not.toBe(await keyOf(requestWith()));
  });

  it('differs with the provider key and the path', async () => {
    const base = await keyOf(requestWith({ authorization: 'Bearer sk-one' }));
    expect(await keyOf(requestWith({ authorization: 'Bearer sk-two' }))).not.toBe(base);
    expect(await keyOf(requestWith({ 'x-portkey-api-key': 'sk-two' }))).not.toBe(base);
    expect(await keyOf(requestWith({ authorization: 'Bearer sk-one' }, defaultBody, '/completions'))).not.toBe(base);
  });

  it('differs with the routing: config targets, provider headers and provider settings', async () => {
    const base = await keyOf(requestWith());
    expect(await keyOf(requestWith(), { ...config, custom_host: 'http://127.0.0.1:2/v1' })).not.toBe(base);
    expect(await keyOf(requestWith(), { ...config, override_params: { temperature: 0 } })).not.toBe(base);
    expect(await keyOf(requestWith({ 'x-portkey-provider': 'groq' }))).not.toBe(base);
    expect(await keyOf(requestWith({ 'x-portkey-custom-host': 'http://127.0.0.1:3/v1' }))).not.toBe(base);
    expect(await keyOf(requestWith({ 'x-portkey-aws-region': 'eu-west-1' }))).not.toBe(base);
  });

  it('ignores the cache settings themselves, the trace id and force refresh', async () => {
    const base = await keyOf(requestWith());
    expect(await keyOf(requestWith(), { ...config, cache: { mode: 'semantic', max_age: 5 } })).toBe(base);
    expect(await keyOf(requestWith({ 'x-portkey-trace-id': 'other', 'x-portkey-cache-force-refresh': 'true' }))).toBe(base);
  });

  it('differs with the namespace; metadata counts only without one', async () => {
    const base = await keyOf(requestWith());
    expect(await keyOf(requestWith({ 'x-portkey-cache-namespace': 'user-1' }))).not.toBe(base);
    expect(await keyOf(requestWith({ 'x-portkey-metadata': '{"user":"a"}' }))).not.toBe(base);
    const namespaced = await keyOf(requestWith({ 'x-portkey-cache-namespace': 'user-1' }));
    expect(await keyOf(requestWith({ 'x-portkey-cache-namespace': 'user-1', 'x-portkey-metadata': '{"user":"a"}' }))).toBe(namespaced);
  });

  it('counts metadata under a namespace when conditional routing may read it', async () => {
    const conditional: Config = {
      cache: { mode: 'simple' },
      strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.plan': 'paid' }, then: 'paid' }], default: 'free' },
      targets: [{ name: 'paid', provider: 'openai' }, { name: 'free', provider: 'groq' }],
    };
    const paid = await keyOf(requestWith({ 'x-portkey-cache-namespace': 'n', 'x-portkey-metadata': '{"plan":"paid"}' }), conditional);
    const free = await keyOf(requestWith({ 'x-portkey-cache-namespace': 'n', 'x-portkey-metadata': '{"plan":"free"}' }), conditional);
    expect(paid).not.toBe(free);
  });

  it('differs with the values of forwarded headers and of headers providers read', async () => {
    const forwarding: Config = { ...config, forward_headers: ['x-tenant'] };
    expect(await keyOf(requestWith({ 'x-tenant': 'a' }), forwarding)).not.toBe(await keyOf(requestWith({ 'x-tenant': 'b' }), forwarding));
    const byHeader = (tenant: string) => requestWith({ 'x-portkey-forward-headers': 'x-tenant', 'x-tenant': tenant });
    expect(await keyOf(byHeader('a'))).not.toBe(await keyOf(byHeader('b')));
    expect(await keyOf(requestWith({ 'anthropic-beta': 'x' }))).not.toBe(await keyOf(requestWith()));
    // A header nobody forwards does not split the cache.
    expect(await keyOf(requestWith({ 'x-tenant': 'a' }))).toBe(await keyOf(requestWith({ 'x-tenant': 'b' })));
  });
});
