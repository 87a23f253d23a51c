/**
 * Retries with backoff against real upstreams answering 429/5xx: counts, timing and retry-after.
 */
import { describe, expect, it } from 'vitest';
import type { MockUpstream } from '@ai-gateway/testing';
import { failing, named, postChat, sequence, target, useHarness } from './fixtures.js';

const harness = useHarness(2, { circuitBreaker: false });

/** Milliseconds between consecutive requests the upstream received. */
function gaps(upstream: MockUpstream, times: number[]): number[] {
  return times.slice(1).map((time, index) => time - times[index]);
}

function timed(upstream: MockUpstream, ...handlers: Parameters<typeof sequence>) {
  const times: number[] = [];
  const inner = sequence(...handlers);
  upstream.setHandler((request, response) => {
    times.push(Date.now());
    return inner(request, response);
  });
  return times;
}

describe('retry', () => {
  it('retries 5xx up to the attempts given, then succeeds, and counts the retries', async () => {
    const [upstream] = harness.upstreams;
    timed(upstream, failing(503), failing(500), named('third time'));
    const response = await postChat(harness.gateway, { retry: { attempts: 3 }, ...target(upstream) });
    expect((await response.json()).choices[0].message.content).toBe('third time');
    expect(response.headers.get('x-portkey-retry-attempt-count')).toBe('2');
    expect(upstream.requests).toHaveLength(3);
  });

  it('stops after the attempts and answers the last error', async () => {
    const [upstream] = harness.upstreams;
    upstream.setHandler(failing(502));
    const response = await postChat(harness.gateway, { retry: { attempts: 2 }, ...target(upstream) });
    expect(response.status).toBe(502);
    expect(upstream.requests).toHaveLength(3);
    expect(response.headers.get('x-portkey-retry-attempt-count')).toBe('2');
  });

  it('does not retry statuses outside on_status_codes, nor client errors', async () => {
    const [upstream] = harness.upstreams;
    upstream.setHandler(failing(400));
    expect((await postChat(harness.gateway, { retry: { attempts: 3 }, ...target(upstream) })).status).toBe(400);
    expect(upstream.requests).toHaveLength(1);
    upstream.setHandler(failing(503));
    expect((await postChat(harness.gateway, { retry: { attempts: 3, on_status_codes: [429] }, ...target(upstream) })).status).toBe(503);
    expect(upstream.requests).toHaveLength(2);
  });

  it('backs off exponentially with jitter, within bounds', async () => {
    const [upstream] = harness.upstreams;
    const times = timed(upstream, failing(500), failing(500), failing(500), named('ok'));
    expect((await postChat(harness.gateway, { retry: { attempts: 3 }, ...target(upstream) })).status).toBe(200);
    // Steps of 20, 40 and 80 ms (base 20), each between half and all of its step, plus request time.
    const [first, second, third] = gaps(upstream, times);
    expect(first).toBeGreaterThanOrEqual(9);
    expect(second).toBeGreaterThanOrEqual(19);
    expect(third).toBeGreaterThanOrEqual(39);
    expect(first + second + third).toBeLessThan(600);
  });

  it('honours retry-after-ms and x-ms-retry-after-ms from the upstream', async () => {
    const [upstream] = harness.upstreams;
    let times = timed(upstream, failing(429, { 'retry-after-ms': '300' }), named('ok'));
    expect((await postChat(harness.gateway, { retry: { attempts: 1 }, ...target(upstream) })).status).toBe(200);
    expect(gaps(upstream, times)[0]).toBeGreaterThanOrEqual(290);

    times = timed(upstream, failing(503, { 'x-ms-retry-after-ms': '250' }), named('ok'));
    expect((await postChat(harness.gateway, { retry: { attempts: 1 }, ...target(upstream) })).status).toBe(200);
    expect(gaps(upstream, times)[0]).toBeGreaterThanOrEqual(240);
  });

  it('honours retry-after in seconds', async () => {
    const [upstream] = harness.upstreams;
    const times = timed(upstream, failing(429, { 'retry-after': '1' }), named('ok'));
    expect((await postChat(harness.gateway, { retry: { attempts: 1 }, ...target(upstream) })).status).toBe(200);
    expect(gaps(upstream, times)[0]).toBeGreaterThanOrEqual(990);
  });

  it('does not wait out a retry-after beyond the cap: it moves on to the fallback at once', async () => {
    const [limited, spare] = harness.upstreams;
    limited.setHandler(failing(429, { 'retry-after': '3600' }));
    spare.setHandler(named('spare'));
    const started = Date.now();
    const response = await postChat(harness.gateway, { strategy: { mode: 'fallback' }, targets: [target(limited, { retry: { attempts: 5 } }), target(spare)] });
    expect((await response.json()).choices[0].message.content).toBe('spare');
    expect(limited.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
