import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalloutServer, manualRedirectFetch, startCalloutServer, unusedUrl } from '../../test/callout-server.js';
import { log } from './log.js';
import { runChecked, safetyContext } from '../../test/safety-context.js';

let server: CalloutServer;
beforeAll(async () => {
  server = await startCalloutServer();
});
afterAll(() => server.close());

const context = (overrides = {}) => safetyContext({ fetch: manualRedirectFetch, ...overrides });

describe('default.log', () => {
  it("posts Portkey's context with the configured headers and passes", async () => {
    const result = await runChecked(log, context({ text: 'log me' }), { logURL: server.url('/log'), headers: '{"x-log-key":"k"}' });
    expect(result.verdict).toBe(true);
    const sent = server.received.at(-1)!;
    expect(sent.headers['x-log-key']).toBe('k');
    expect(sent.body).toMatchObject({ eventType: 'beforeRequestHook', request: { text: 'log me' }, provider: 'openai' });
  });

  it('passes whatever a 2xx answer says', async () => {
    expect((await runChecked(log, context(), { logURL: server.url('/fail') })).verdict).toBe(true);
    expect((await runChecked(log, context(), { logURL: server.url('/text') })).verdict).toBe(true);
  });

  it('throws when the log endpoint fails, redirects or cannot be reached', async () => {
    await expect(runChecked(log, context(), { logURL: server.url('/error') })).rejects.toThrow(/answered 500/);
    await expect(runChecked(log, context(), { logURL: server.url('/redirect') })).rejects.toThrow(/redirect \(302\)/);
    await expect(runChecked(log, context(), { logURL: await unusedUrl() })).rejects.toThrow(/could not be reached/);
  });

  it('refuses a missing or non-http URL, and the parameters it does not take', () => {
    expect(log.validate!({})).toMatch("'logURL' is required");
    expect(log.validate!({ logURL: 'file:///tmp/log' })).toMatch('not file:');
    expect(log.validate!({ logURL: 'https://example.com', timeout: 10 })).toMatch("unknown parameter 'timeout'");
  });
});
