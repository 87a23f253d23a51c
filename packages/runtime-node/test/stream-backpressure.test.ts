/**
 * A client that stops reading a stream stops the gateway reading the upstream: the gateway holds a
 * bounded window per stream (undici's readable buffer and the socket's writable buffer, about
 * 80 KiB; the kernel's socket buffers on both sides come on top), never the whole answer. And a
 * client that goes away mid-stream closes the upstream call.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIMockHandler, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { silentLogger } from '@ai-gateway/core';
import { startGateway, type RunningGateway } from '../src/index.js';

/** What the upstream has to send: far more than every buffer between it and the client holds. */
const floodBytes = 256 * 1024 * 1024;
const event = Buffer.from(`data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'x'.repeat(64 * 1024) } }] })}\n\n`);

let upstream: MockUpstream;
let gateway: RunningGateway;
/** Bytes the upstream's writes were accepted for (it waits for `drain` whenever a write says full). */
let accepted = 0;
let upstreamClosed: Promise<void>;

beforeAll(async () => {
  const healthy = openAIMockHandler();
  upstream = await startMockUpstream((request, response) => {
    if (request.json?.model !== 'flood') return healthy(request, response);
    upstreamClosed = new Promise((resolve) => response.once('close', () => resolve()));
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = () => {
      while (accepted < floodBytes && !response.destroyed) {
        accepted += event.byteLength;
        if (!response.write(event)) return void response.once('drain', send);
      }
      response.end();
    };
    send();
  });
  gateway = await startGateway({ port: 0, host: '127.0.0.1', logger: silentLogger, requestLog: false });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

/** Opens the stream and hands back the response without reading its body. */
function openStream(route: string, body: object): Promise<{ response: IncomingMessage; destroy(): void }> {
  accepted = 0;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${gateway.url}/v1${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
    });
    outgoing.once('response', (response) => {
      response.pause();
      resolve({ response, destroy: () => outgoing.destroy() });
    });
    outgoing.once('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

const streams = [
  { name: 'passed through', route: '/chat/completions', body: { model: 'flood', stream: true, messages: [{ role: 'user', content: 'hi' }] } },
  // Translated as it is read (the chunks through the client format's transform, no Web stream to the client).
  { name: 'translated to /v1/messages events', route: '/messages', body: { model: 'flood', stream: true, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } },
];

describe.each(streams)('a stream $name whose client stops reading', ({ route, body }) => {
  it('stops reading the upstream while the client does not read, and closes it when the client goes away', async () => {
    const { response, destroy } = await openStream(route, body);
    expect(response.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Loopback moves 256 MiB well within two seconds; only backpressure holds the upstream back, to
    // what the kernel's socket buffers (tens of MiB here) and the gateway's window take.
    expect(accepted).toBeLessThan(floodBytes / 2);
    const acceptedWhilePaused = accepted;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(accepted).toBe(acceptedWhilePaused);

    destroy();
    await upstreamClosed;
  }, 15_000);
});
