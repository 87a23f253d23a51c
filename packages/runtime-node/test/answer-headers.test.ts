/**
 * The answer's headers on Node: core hands @hono/node-server a plain record, which goes to Node's
 * `writeHead` as it is. Building a Web `Headers` for it (and the adapter copying it out again,
 * sorted) cost a few KB of garbage and microseconds on every request (see core's answer.ts); this
 * keeps that from coming back unnoticed, and checks that the client still gets every header.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { startGateway, type RunningGateway } from '../src/index.js';

let upstream: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startMockUpstream((_request, response) => {
    const body = JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [] });
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'req-upstream-1', 'openai-processing-ms': '12' });
    response.end(body);
  });
  gateway = await startGateway({ port: 0, host: '127.0.0.1', circuitBreaker: false });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

/** A plain Node client: the openai SDK would build Headers of its own in this process. */
function postChat(): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  return new Promise((resolve, reject) => {
    const outgoing = request(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sk-test',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${upstream.origin}/v1`,
        'x-portkey-trace-id': 'trace-42',
      },
    });
    outgoing.on('response', (incoming) => {
      let text = '';
      incoming.on('data', (chunk) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('answer headers on Node', () => {
  it('builds no Web Headers for a passthrough answer, and the client gets the upstream and trace headers', async () => {
    await postChat(); // warm: lazily built parts (the connection pool, URL caches) are not per request
    const WebHeaders = globalThis.Headers;
    let built = 0;
    // The runtime's own read-only view of parsed headers (ParsedHeaders) subclasses the original
    // class, so it is not counted; anything that says `new Headers(...)` at request time is.
    globalThis.Headers = class CountingHeaders extends WebHeaders {
      constructor(init?: HeadersInit) {
        super(init);
        built += 1;
      }
    };
    let answer: Awaited<ReturnType<typeof postChat>>;
    try {
      answer = await postChat();
    } finally {
      globalThis.Headers = WebHeaders;
    }
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).id).toBe('chatcmpl-1');
    expect(answer.headers['x-request-id']).toBe('req-upstream-1');
    expect(answer.headers['openai-processing-ms']).toBe('12');
    expect(answer.headers['x-portkey-trace-id']).toBe('trace-42');
    expect(answer.headers['x-portkey-cache-status']).toBe('DISABLED');
    expect(answer.headers['content-type']).toBe('application/json');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    expect(built).toBe(0);
  });
});
