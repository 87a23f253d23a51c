/**
 * The Node gateway for the tests of what only Node does, tuned for fast tests (small backoff
 * steps), and healthy upstreams reset before each test. Upstream behaviours (failing, hanging,
 * slow ...) and the chat client come from @ai-gateway/testing.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { healthy, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { silentLogger } from '@ai-gateway/core';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../src/index.js';

export async function startUpstreams(count: number): Promise<MockUpstream[]> {
  return Promise.all(Array.from({ length: count }, () => startMockUpstream(healthy)));
}

export function startTestGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  return startGateway({ port: 0, host: '127.0.0.1', retryTiming: { baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 2_000 }, logger: silentLogger, ...options });
}

export interface Harness {
  upstreams: MockUpstream[];
  gateway: RunningGateway;
}

/**
 * Starts `count` healthy upstreams and a gateway for the whole file, and resets the upstreams
 * (handlers and recorded requests) before each test.
 */
export function useHarness(count: number, options: StartGatewayOptions = {}): Harness {
  const harness = { upstreams: [] as MockUpstream[] } as Harness;
  beforeAll(async () => {
    harness.upstreams = await startUpstreams(count);
    harness.gateway = await startTestGateway(options);
  });
  afterAll(async () => {
    await harness.gateway?.close();
    await Promise.all(harness.upstreams.map((upstream) => upstream.close()));
  });
  beforeEach(() => {
    for (const upstream of harness.upstreams) {
      upstream.requests.length = 0;
      upstream.setHandler(healthy);
    }
  });
  return harness;
}
