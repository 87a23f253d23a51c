/**
 * The Node gateway for the tests of what only Node does, tuned for fast tests (small backoff
 * steps), and healthy upstreams reset before each test. Upstream behaviours (failing, hanging,
 * slow ...) and the chat client come from @ai-gateway/testing.
 */
import { healthy, startMockUpstream, useGatewayHarness, type GatewayHarness, type MockUpstream } from '@ai-gateway/testing';
import { silentLogger } from '@ai-gateway/core';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../src/index.js';

export async function startUpstreams(count: number): Promise<MockUpstream[]> {
  return Promise.all(Array.from({ length: count }, () => startMockUpstream(healthy)));
}

export function startTestGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  return startGateway({ port: 0, host: '127.0.0.1', retryTiming: { baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 2_000 }, logger: silentLogger, ...options });
}

export type Harness = GatewayHarness<RunningGateway>;

/**
 * Starts `count` healthy upstreams and a gateway for the whole file, and resets the upstreams
 * (handlers and recorded requests) before each test.
 */
export function useHarness(count: number, options: StartGatewayOptions = {}): Harness {
  return useGatewayHarness(() => startTestGateway(options), { upstreams: count });
}
