/**
 * The pooled upstream client keeps the timeouts core hands it (`init.timeout`, core's
 * `fetchEnforcesTimeouts`): the wait for the headers, and each silence in the body, streamed or
 * read whole. Each runs out as a DOMException named TimeoutError, which core answers as a 408.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { createUpstreamFetch } from '../src/index.js';

let upstream: MockUpstream;
const upstreamFetch = createUpstreamFetch();

beforeAll(async () => {
  upstream = await startMockUpstream(async (request, response) => {
    switch (request.url) {
      case '/no-headers':
        return new Promise(() => {});
      case '/stream-stalls':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: {"first":true}\n\n');
        return new Promise(() => {});
      case '/body-stalls':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"partial":');
        return new Promise(() => {});
      default:
        await new Promise((resolve) => setTimeout(resolve, 600));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"late":"but fine"}');
    }
  });
});

afterAll(async () => {
  await upstreamFetch.close();
  await upstream.close();
});

function call(path: string, timeout?: number, signal?: AbortSignal) {
  return upstreamFetch.fetch(`${upstream.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', timeout, signal } as RequestInit);
}

async function timeoutOf(action: () => Promise<unknown>): Promise<{ name: string; elapsed: number }> {
  const started = Date.now();
  try {
    await action();
  } catch (error) {
    return { name: (error as Error).name, elapsed: Date.now() - started };
  }
  throw new Error('expected a timeout');
}

describe('timeouts the upstream client keeps', () => {
  it('fails a call whose headers do not come in time', async () => {
    const { name, elapsed } = await timeoutOf(() => call('/no-headers', 300));
    expect(name).toBe('TimeoutError');
    expect(elapsed).toBeLessThan(1_000);
  });

  it('fails a stream that falls silent', async () => {
    const response = await call('/stream-stalls', 300);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('first');
    const { name } = await timeoutOf(() => reader.read());
    expect(name).toBe('TimeoutError');
  });

  it('fails an answer read whole that stops half-way', async () => {
    const response = await call('/body-stalls', 300);
    const { name } = await timeoutOf(() => response.arrayBuffer());
    expect(name).toBe('TimeoutError');
  });

  it('runs out each of several calls at its own time', async () => {
    const started = Date.now();
    const elapsed = (timeout: number) => call('/no-headers', timeout).catch(() => Date.now() - started);
    const [long, short, longest] = await Promise.all([elapsed(600), elapsed(300), elapsed(900)]);
    expect(short).toBeGreaterThanOrEqual(290);
    expect(short).toBeLessThan(600);
    expect(long).toBeGreaterThanOrEqual(590);
    expect(long).toBeLessThan(900);
    expect(longest).toBeGreaterThanOrEqual(890);
    expect(longest).toBeLessThan(1_400);
  });

  it('still aborts a call with a timeout at once when its client goes away', async () => {
    const { name, elapsed } = await timeoutOf(() => call('/no-headers', 60_000, AbortSignal.timeout(100)));
    expect(name).toBe('TimeoutError'); // the client's own signal's reason, passed through as it is
    expect(elapsed).toBeLessThan(400);
  });

  it('waits as long as it takes without one, and within one that is long enough', async () => {
    expect(await (await call('/slow')).json()).toEqual({ late: 'but fine' });
    expect(await (await call('/slow', 5_000)).json()).toEqual({ late: 'but fine' });
  });
});
