/**
 * A client that sends its request a byte at a time cannot hold a connection forever: after the
 * request timeout it gets a 408 and the connection closes, while everyone else is served and
 * answers (streams included) run as long as they need.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatChunkEvents, openAIMockHandler, sendEvents, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { silentLogger } from '@ai-gateway/core';
import { readGatewayEnvironment, startGateway, type RunningGateway } from '../src/index.js';

const requestBodyTimeoutMs = 500;
let upstream: MockUpstream;
let gateway: RunningGateway;
const healthy = openAIMockHandler();

beforeAll(async () => {
  upstream = await startMockUpstream((request, response) => {
    // A slow stream: twelve chunks 100 ms apart, well past the request timeout in all.
    if (request.json?.model === 'slow') return sendEvents(response, chatChunkEvents('slow', Array.from({ length: 12 }, (_, index) => `piece${index} `)), 100);
    return healthy(request, response);
  });
  gateway = await startGateway({ port: 0, host: '127.0.0.1', logger: silentLogger, requestBodyTimeoutMs });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

function chat(model: string, stream = false) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
    signal: AbortSignal.timeout(5_000),
  });
}

/**
 * Opens a raw connection, writes `head`, then one byte of `trickle` every 200 ms. Resolves with
 * what the gateway sent and when the connection closed (ms after opening), or `closedAfterMs:
 * undefined` if it was still open after `giveUpMs`.
 */
function dribble(head: string, trickle: string, giveUpMs = 3_000): Promise<{ received: string; closedAfterMs: number | undefined }> {
  const { port } = gateway;
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let received = '';
    let sent = 0;
    const dripping = setInterval(() => {
      if (sent < trickle.length && socket.writable) socket.write(trickle[sent++]);
    }, 200);
    const finish = (closedAfterMs: number | undefined) => {
      clearInterval(dripping);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ received, closedAfterMs });
    };
    const giveUp = setTimeout(() => finish(undefined), giveUpMs);
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => finish(Date.now() - started));
    socket.on('error', () => {});
  });
}

describe('a client that sends its request slowly', () => {
  it('gets a 408 and a closed connection once the request timeout passes', async () => {
    const body = JSON.stringify({ model: 'dribbled', messages: [] }).padEnd(100, ' ');
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nAuthorization: Bearer sk-test\r\nx-portkey-provider: openai\r\nx-portkey-custom-host: ${upstream.origin}/v1\r\n\r\n`;
    const slowClient = dribble(head, body);
    // Others are served while it dribbles.
    expect((await chat('gpt-4o-mini')).status).toBe(200);
    const { received, closedAfterMs } = await slowClient;
    expect(closedAfterMs).toBeDefined();
    expect(closedAfterMs!).toBeGreaterThanOrEqual(requestBodyTimeoutMs - 50);
    expect(closedAfterMs!).toBeLessThan(2_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(upstream.requests.some((request) => request.json?.model === 'dribbled')).toBe(false);
    expect((await chat('gpt-4o-mini')).status).toBe(200);
  });

  it('gets the same when it is its headers that never end', async () => {
    const { received, closedAfterMs } = await dribble('POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaa');
    expect(closedAfterMs).toBeDefined();
    expect(closedAfterMs!).toBeLessThan(2_000);
    expect(received).toMatch(/^(HTTP\/1\.1 408 |$)/);
    expect((await chat('gpt-4o-mini')).status).toBe(200);
  });

  it('does not cut an answer that streams for longer than the request timeout', async () => {
    const started = Date.now();
    const response = await chat('slow', true);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Date.now() - started).toBeGreaterThan(requestBodyTimeoutMs * 2);
    expect(text).toContain('piece11');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('takes its timeout from AI_GATEWAY_REQUEST_BODY_TIMEOUT_MS', () => {
    expect(readGatewayEnvironment({ AI_GATEWAY_REQUEST_BODY_TIMEOUT_MS: '2500' }).gatewayOptions.requestBodyTimeoutMs).toBe(2_500);
    expect(readGatewayEnvironment({}).gatewayOptions.requestBodyTimeoutMs).toBeUndefined();
    expect(() => readGatewayEnvironment({ AI_GATEWAY_REQUEST_BODY_TIMEOUT_MS: 'soon' })).toThrow(/AI_GATEWAY_REQUEST_BODY_TIMEOUT_MS must be a positive number/);
  });
});
