import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalloutServer, manualRedirectFetch, startCalloutServer, unusedUrl } from '../../test/callout-server.js';
import { runChecked, safetyContext } from '../../test/safety-context.js';
import { webhook } from './webhook.js';

let server: CalloutServer;
beforeAll(async () => {
  server = await startCalloutServer();
});
afterAll(() => server.close());

const context = (overrides = {}) => safetyContext({ fetch: manualRedirectFetch, metadata: { user: 'u-7' }, ...overrides });

describe('default.webhook', () => {
  it("passes on the webhook's verdict true, reporting its data, and sends Portkey's context with the configured headers", async () => {
    const result = await runChecked(webhook, context({ text: 'Is this fine?' }), { webhookURL: server.url('/pass'), headers: { Authorization: 'Bearer hook-key' } });
    expect(result.verdict).toBe(true);
    expect(result.data).toMatchObject({ responseData: { reason: 'looks fine' }, webhook: new URL(server.url('/')).origin });
    expect(result.transformedSegments).toBeUndefined();
    const sent = server.received.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer hook-key');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.body).toEqual({
      request: { json: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Is this fine?' }] }, text: 'Is this fine?', isStreamingRequest: false },
      response: { json: {}, text: '', statusCode: null },
      provider: 'openai',
      requestType: 'chatComplete',
      metadata: { user: 'u-7' },
      eventType: 'beforeRequestHook',
    });
  });

  it("fails on the webhook's verdict false, and takes headers given as a JSON string as Portkey's UI stores them", async () => {
    const result = await runChecked(webhook, context(), { webhookURL: server.url('/fail'), headers: '{"x-team":"search"}' });
    expect(result.verdict).toBe(false);
    expect(result.data).toMatchObject({ responseData: { reason: 'not allowed here' } });
    expect(server.received.at(-1)!.headers['x-team']).toBe('search');
  });

  it('sends the answer on output hooks', async () => {
    const responseJson = { choices: [{ index: 0, message: { role: 'assistant', content: 'The answer.' } }] };
    const requestJson = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text', text: 'The question,' }, { type: 'text', text: 'in two parts.' }] }] };
    await runChecked(webhook, context({ eventType: 'afterRequestHook', text: 'The answer.', segments: ['The answer.'], requestJson, responseJson, responseStatus: 200 }), { webhookURL: server.url('/pass') });
    expect(server.received.at(-1)!.body).toMatchObject({
      eventType: 'afterRequestHook',
      request: { json: requestJson, text: 'The question,\nin two parts.' },
      response: { json: responseJson, text: 'The answer.', statusCode: 200 },
    });
  });

  it('throws when the webhook answers later than the timeout', async () => {
    const started = Date.now();
    await expect(runChecked(webhook, context(), { webhookURL: server.url('/slow'), timeout: 200 })).rejects.toThrow(/did not answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('throws when the hook is cancelled while the webhook thinks', async () => {
    const controller = new AbortController();
    const pending = runChecked(webhook, context({ signal: controller.signal }), { webhookURL: server.url('/slow') });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow(/was cancelled/);
  });

  it('throws on a redirect rather than following it', async () => {
    const before = server.received.length;
    await expect(runChecked(webhook, context(), { webhookURL: server.url('/redirect') })).rejects.toThrow(/answered with a redirect \(302\)/);
    expect(server.received.slice(before).map((request) => request.path)).toEqual(['/redirect']);
  });

  it('throws on a non-2xx answer, a non-JSON answer, and JSON without a verdict', async () => {
    await expect(runChecked(webhook, context(), { webhookURL: server.url('/error') })).rejects.toThrow(/answered 500/);
    await expect(runChecked(webhook, context(), { webhookURL: server.url('/text') })).rejects.toThrow(/something other than JSON/);
    await expect(runChecked(webhook, context(), { webhookURL: server.url('/no-verdict') })).rejects.toThrow(/without a boolean 'verdict'/);
  });

  it('throws when nothing listens at the URL, naming its origin only', async () => {
    const url = await unusedUrl();
    const error = await runChecked(webhook, context(), { webhookURL: `${url}?token=do-not-show` }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/could not be reached/);
    expect((error as Error).message).not.toContain('do-not-show');
  });

  it("applies a rewrite of the texts of the request the webhook answers in transformedData", async () => {
    const segments = ['You keep secrets.', 'my secret is 42'];
    const requestJson = { model: 'gpt-4o-mini', messages: [{ role: 'system', content: segments[0] }, { role: 'user', content: segments[1] }] };
    const result = await runChecked(webhook, context({ text: segments[1], segments, requestJson }), { webhookURL: server.url('/rewrite') });
    expect(result.verdict).toBe(true);
    expect(result.transformedSegments).toEqual(['You keep [hidden]s.', 'my [hidden] is 42']);
  });

  it('throws when transformedData changes more than texts (here the model)', async () => {
    await expect(runChecked(webhook, context(), { webhookURL: server.url('/rewrite-model') })).rejects.toThrow(/transformedData cannot be applied: the rewrite changes model/);
  });

  it("applies a rewrite of the answer on output hooks", async () => {
    const responseJson = { choices: [{ index: 0, message: { role: 'assistant', content: 'original answer' } }] };
    const result = await runChecked(webhook, context({ eventType: 'afterRequestHook', text: 'original answer', segments: ['original answer'], responseJson, responseStatus: 200 }), { webhookURL: server.url('/rewrite-answer') });
    expect(result.transformedSegments).toEqual(['rewritten answer']);
  });

  it('refuses a URL that is not absolute http(s), a timeout out of 1..30000 ms, and malformed headers', () => {
    expect(webhook.validate!({})).toMatch("'webhookURL' is required");
    expect(webhook.validate!({ webhookURL: '/relative' })).toMatch('absolute http(s) URL');
    expect(webhook.validate!({ webhookURL: 'ftp://example.com/hook' })).toMatch('not ftp:');
    for (const timeout of [0, 30_001, 1.5, '3000']) expect(webhook.validate!({ webhookURL: 'https://example.com/hook', timeout })).toMatch("'timeout' must be a whole number from 1 to 30000");
    expect(webhook.validate!({ webhookURL: 'https://example.com/hook', headers: { 'bad header': 'x' } })).toMatch("'headers' must be an object");
    expect(webhook.validate!({ webhookURL: 'https://example.com/hook', headers: '{not json' })).toMatch("'headers' must be an object");
    expect(webhook.validate!({ webhookURL: 'https://example.com/hook', headers: { 'x-key': 'v' }, timeout: 30_000 })).toBeUndefined();
  });
});
