/**
 * An upstream (any server a client names as custom host) answering a small gzip that inflates to
 * hundreds of megabytes: the gateway stops decompressing at its limit, answers 502, and keeps its
 * memory and its service.
 */
import type { ServerResponse } from 'node:http';
import { constants, createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIMockHandler, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { silentLogger } from '@ai-gateway/core';
import { createUpstreamFetch, startGateway, type RunningGateway } from '../src/index.js';

const inflatedBytes = 256 * 1024 * 1024;

/** `size` bytes of zeros, gzipped without ever holding them: about 1 MB. */
async function gzippedZeros(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 1 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => gzip.once('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += zeros.length) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Runs `action` while sampling this process's resident memory; returns the most it grew by. */
async function peakMemoryGrowth(action: () => Promise<void>): Promise<number> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  try {
    await action();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage.rss()) - baseline;
}

let bomb: Buffer;
let upstream: MockUpstream;
let gateway: RunningGateway;
const healthy = openAIMockHandler();
/** Whether the last endless stream's connection was closed. */
let endlessStreamClosed = false;

/** A gzip stream of events that never ends, flushed event by event, until the connection closes. */
async function endlessGzipStream(response: ServerResponse) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
  endlessStreamClosed = false;
  response.once('close', () => (endlessStreamClosed = true));
  const gzip = createGzip();
  gzip.pipe(response);
  while (!endlessStreamClosed) {
    gzip.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'more ' } }] })}\n\n`);
    gzip.flush(constants.Z_SYNC_FLUSH);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  bomb = await gzippedZeros(inflatedBytes);
  upstream = await startMockUpstream((request, response) => {
    if (request.json?.model === 'endless') return endlessGzipStream(response);
    if (request.json?.model !== 'bomb') return healthy(request, response);
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
    response.end(bomb);
  });
  gateway = await startGateway({ port: 0, host: '127.0.0.1', logger: silentLogger });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

function chat(model: string) {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.origin}/v1` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    signal: AbortSignal.timeout(5_000),
  });
}

describe('a compressed answer that inflates without end', () => {
  it('answers 502 once the answer passes 32 MiB decompressed, without holding the rest', async () => {
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024); // small enough on the wire to be read whole
    let status = 0;
    let error: { message: string; code: string } | undefined;
    const growth = await peakMemoryGrowth(async () => {
      const response = await chat('bomb');
      status = response.status;
      error = (await response.json()).error;
    });
    expect(status).toBe(502);
    expect(error).toMatchObject({ code: 'upstream_body_too_large', message: expect.stringMatching(/larger than 33554432 bytes once decompressed \(gzip\)/) });
    expect(growth).toBeLessThan(inflatedBytes / 2);
  });

  it('closes the upstream connection of a compressed stream whose reader cancels it', async () => {
    // Straight through the upstream client, with no abort signal: only the cancel can close it.
    const upstreamFetch = createUpstreamFetch();
    try {
      const response = await upstreamFetch.fetch(`${upstream.origin}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'endless' }) });
      const reader = response.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('more');
      await reader.cancel();
      await expect.poll(() => endlessStreamClosed, { timeout: 1_000 }).toBe(true);
    } finally {
      await upstreamFetch.close();
    }
  });

  it('keeps serving afterwards', async () => {
    const response = await chat('gpt-4o-mini');
    expect(response.status).toBe(200);
    expect((await response.json()).object).toBe('chat.completion');
  });
});
