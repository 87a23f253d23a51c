/** One mock OpenAI upstream and a gateway for a `describe`, with the openai SDK routed to it by headers. */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startMockUpstream, type MockUpstream, type RecordedRequest } from '../mock-upstream.js';
import { healthy } from '../upstream-handlers.js';
import { startTimeoutMs, type RunningRuntime, type StartGateway } from './harness.js';

export interface OpenAIHarness {
  upstream: MockUpstream;
  gateway: RunningRuntime;
  /** The openai SDK with this API key, provider `openai` and the upstream as custom host. */
  client: OpenAI;
  /** Headers that route a plain request to the upstream. */
  routeHeaders(): Record<string, string>;
  lastUpstreamRequest(): RecordedRequest;
}

export const clientApiKey = 'sk-test-key';

export function useOpenAIHarness(start: StartGateway, environment: Record<string, string> = {}): OpenAIHarness {
  const harness = {} as OpenAIHarness;
  harness.routeHeaders = () => ({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${harness.upstream.origin}/v1` });
  harness.lastUpstreamRequest = () => harness.upstream.requests[harness.upstream.requests.length - 1];
  beforeAll(async () => {
    harness.upstream = await startMockUpstream(healthy);
    harness.gateway = await start(environment);
    harness.client = new OpenAI({ apiKey: clientApiKey, baseURL: `${harness.gateway.url}/v1`, maxRetries: 0, defaultHeaders: harness.routeHeaders() });
  }, startTimeoutMs);
  afterAll(async () => {
    await harness.gateway?.close();
    await harness.upstream?.close();
  });
  beforeEach(() => harness.upstream.setHandler(healthy));
  return harness;
}
