/**
 * A client names the custom host, so it must not be able to make the gateway connect to a
 * link-local or cloud-metadata address: not by writing the address another way, and not by naming
 * a host that resolves to one. Names here resolve through a lookup the test gives the gateway
 * (made-up names, no real DNS).
 */
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIMockHandler, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { createUpstreamFetch, startGateway, type RunningGateway } from '../src/index.js';

const addressesByName: Record<string, string[]> = {
  'metadata.gateway-test': ['169.254.169.254'],
  'metadata6.gateway-test': ['fd00:ec2::254'],
  // One good address is not enough: the connection could use either.
  'mixed.gateway-test': ['127.0.0.1', '169.254.169.254'],
  'local-model.gateway-test': ['127.0.0.1'],
};

/** Answers like dns.lookup, in both the one-address and the all-addresses shapes net asks for. */
const testLookup: LookupFunction = (hostname, options, callback) => {
  const addresses = addressesByName[hostname];
  if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
  const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  if (options.all) callback(null, entries);
  else callback(null, entries[0].address, entries[0].family);
};

let upstream: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startMockUpstream(openAIMockHandler());
  gateway = await startGateway({ port: 0, host: '127.0.0.1', upstreamLookup: testLookup });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

const upstreamPort = () => new URL(upstream.origin).port;

function chatVia(customHost: string) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': customHost },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    signal: AbortSignal.timeout(3_000),
  });
}

describe('custom hosts and the addresses behind them', () => {
  it.each([
    'http://[fd00:ec2::254]/latest',
    'http://100.100.100.200/latest',
    'http://metadata.google.internal./computeMetadata/v1',
    'http://[::a9fe:a9fe]/latest',
    'http://[64:ff9b::a9fe:a9fe]/latest',
    'http://[::ffff:0:a9fe:a9fe]/latest',
  ])('refuses the custom host %s with a 400', async (customHost) => {
    const response = await chatVia(customHost);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: 'invalid_custom_host', param: 'custom_host', message: expect.stringMatching(/link-local and cloud metadata addresses are not allowed/) });
  });

  it.each(['metadata.gateway-test', 'metadata6.gateway-test', 'mixed.gateway-test'])('refuses to connect to %s, a name for a metadata address', async (name) => {
    const started = Date.now();
    const response = await chatVia(`http://${name}:${upstreamPort()}/v1`);
    expect(response.status).toBe(502);
    const { error } = await response.json();
    expect(error.message).toMatch(new RegExp(`${name.replace(/\./g, '\\.')} resolves to (169\\.254\\.169\\.254|fd00:ec2::254), a link-local or cloud-metadata address, which the gateway does not connect to`));
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('still reaches a name that resolves to a loopback address, such as a local model', async () => {
    const before = upstream.requests.length;
    const response = await chatVia(`http://local-model.gateway-test:${upstreamPort()}/v1`);
    expect(response.status).toBe(200);
    expect((await response.json()).choices[0].message.content).toEqual(expect.any(String));
    expect(upstream.requests.length).toBe(before + 1);
    expect(upstream.requests.at(-1)!.headers.host).toBe(`local-model.gateway-test:${upstreamPort()}`);
  });

  it('refuses the same name for uploads, which go through fetch', async () => {
    const upstreamFetch = createUpstreamFetch({ lookup: testLookup });
    try {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(16)], { type: 'audio/wav' }), 'a.wav');
      form.append('model', 'whisper-1');
      const upload = (host: string) => upstreamFetch.fetch(`http://${host}:${upstreamPort()}/v1/audio/transcriptions`, { method: 'POST', body: form });
      await expect(upload('metadata.gateway-test')).rejects.toThrow(/resolves to 169\.254\.169\.254, a link-local or cloud-metadata address/);
      expect((await upload('local-model.gateway-test')).status).toBe(200);
    } finally {
      await upstreamFetch.close();
    }
  });
});
