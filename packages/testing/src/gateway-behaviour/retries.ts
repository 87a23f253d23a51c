/**
 * Retries with backoff against real upstreams answering 429/5xx: counts, timing and retry-after.
 * Targets run with the default retry timing (steps of 200, 400, 800 ms, each with equal jitter;
 * an upstream's retry-after honoured up to 30 s), which is what operators get.
 */
import { describe, expect, it } from 'vitest';
import type { MockUpstream } from '../mock-upstream.js';
import { failing, named, sequence } from '../upstream-handlers.js';
import { postChat, target, useGatewayHarness, withoutCircuitBreaker, type StartGateway } from './harness.js';

/** Milliseconds between consecutive requests an upstream received. */
function gaps(times: number[]): number[] {
  return times.slice(1).map((time, index) => time - times[index]);
}

/** Sets the upstream to these handlers in order and records when each request arrived. */
function timed(upstream: MockUpstream, ...handlers: Parameters<typeof sequence>): number[] {
  const times: number[] = [];
  const inner = sequence(...handlers);
  upstream.setHandler((request, response) => {
    times.push(Date.now());
    return inner(request, response);
  });
  return times;
}

export function describeRetries(name: string, start: StartGateway): void {
  describe(`retries on ${name}`, () => {
    const harness = useGatewayHarness(start, { upstreams: 2, environment: withoutCircuitBreaker });

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
      // Steps of 200, 400 and 800 ms, each between half and all of its step, plus request time.
      const [first, second, third] = gaps(times);
      expect(first).toBeGreaterThanOrEqual(99);
      expect(second).toBeGreaterThanOrEqual(199);
      expect(third).toBeGreaterThanOrEqual(399);
      // At most 1.4 s of waiting in all; the rest is room for a loaded machine.
      expect(first + second + third).toBeLessThan(3_000);
    });

    it('honours retry-after-ms and x-ms-retry-after-ms from the upstream', async () => {
      const [upstream] = harness.upstreams;
      let times = timed(upstream, failing(429, { 'retry-after-ms': '300' }), named('ok'));
      expect((await postChat(harness.gateway, { retry: { attempts: 1 }, ...target(upstream) })).status).toBe(200);
      expect(gaps(times)[0]).toBeGreaterThanOrEqual(290);

      times = timed(upstream, failing(503, { 'x-ms-retry-after-ms': '250' }), named('ok'));
      expect((await postChat(harness.gateway, { retry: { attempts: 1 }, ...target(upstream) })).status).toBe(200);
      expect(gaps(times)[0]).toBeGreaterThanOrEqual(240);
    });

    it('honours retry-after in seconds', async () => {
      const [upstream] = harness.upstreams;
      const times = timed(upstream, failing(429, { 'retry-after': '1' }), named('ok'));
      expect((await postChat(harness.gateway, { retry: { attempts: 1 }, ...target(upstream) })).status).toBe(200);
      expect(gaps(times)[0]).toBeGreaterThanOrEqual(990);
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
}
