import { describe, expect, it } from 'vitest';
import { createGateway } from '../app/create-gateway.js';
import { silentLogger } from '../logger.js';
import type { ProviderV1 } from '@ai-gateway/spec';
import type { ClientSignal, TimedFetch, UpstreamFetch } from '@ai-gateway/spec';

const openai: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'openai',
  baseUrl: () => 'http://127.0.0.1:9/v1',
  headers: () => ({}),
  endpoints: { chatComplete: { path: '/chat/completions' } },
};

/**
 * A fetch that can keep timeouts itself, given as both of the gateway's fetches: it records the
 * timeout each call was given, runs one out at once, and without one hangs until core's signal aborts it.
 */
function timingOutFetch(seen: (number | undefined)[]): TimedFetch & UpstreamFetch {
  return (_url: string, init: { timeout?: number; signal?: ClientSignal }) => {
    seen.push(init.timeout);
    if (init.timeout !== undefined) return Promise.reject(new DOMException('slow', 'TimeoutError'));
    return new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
  };
}

function chat(app: ReturnType<typeof createGateway>, headers: Record<string, string> = {}) {
  return app.fetch(new Request('http://gateway/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-provider': 'openai', ...headers },
    body: JSON.stringify({ model: 'm', messages: [] }),
  }));
}

describe('timeouts kept by the fetch', () => {
  it("hands a long timeout to a fetch that keeps it, and answers its TimeoutError as a 408", async () => {
    const seen: (number | undefined)[] = [];
    const fetch = timingOutFetch(seen);
    const app = createGateway({ providers: [openai], fetch, timedFetch: fetch, upstreamTimeoutMs: 60_000, logger: silentLogger });
    const response = await chat(app);
    expect(response.status).toBe(408);
    expect((await response.json()).error.message).toContain("the gateway's upstream timeout of 60000 ms");
    expect(seen).toEqual([60_000]);
  });

  it("keeps a short timeout on core's own precise timer", async () => {
    const seen: (number | undefined)[] = [];
    const fetch = timingOutFetch(seen);
    const app = createGateway({ providers: [openai], fetch, timedFetch: fetch, logger: silentLogger });
    const started = Date.now();
    const response = await chat(app, { 'x-portkey-request-timeout': '100' });
    expect(response.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(seen).toEqual([undefined]);
  });

  it('never hands a timeout to a fetch given only as the standard one', async () => {
    const seen: (number | undefined)[] = [];
    const app = createGateway({ providers: [openai], fetch: timingOutFetch(seen), upstreamTimeoutMs: 150, logger: silentLogger });
    expect((await chat(app)).status).toBe(408);
    expect(seen).toEqual([undefined]);
  });
});
