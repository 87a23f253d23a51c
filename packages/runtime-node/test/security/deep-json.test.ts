/**
 * JSON nested thousands of levels deep parses fine, but what the gateway then does with it
 * recurses (config validation, re-serialising a body that override_params changed, translating
 * /v1/messages). Such input answers 400 `too_deeply_nested` in the route's own error shape, the
 * gateway keeps serving, and the target it would have called stays usable.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../node-harness.js';

// A gateway and one healthy upstream for the file; the upstream's record is cleared before each test.
const harness = useHarness(1);

/** `levels` nested arrays around a number, as JSON text: `[[[1]]]`. */
const nestedArrays = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
const messages = [{ role: 'user', content: 'hi' }];

function chat(body: string, config: string) {
  return fetch(`${harness.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-portkey-config': config },
    body,
    signal: AbortSignal.timeout(5_000),
  });
}

const target = () => ({ provider: 'openai', custom_host: `${harness.upstreams[0].origin}/v1` });
const overriding = () => JSON.stringify({ ...target(), override_params: { temperature: 0 } });
const plainBody = JSON.stringify({ model: 'gpt-4o-mini', messages });

async function expectTooDeep(response: Response) {
  expect(response.status).toBe(400);
  const { error } = await response.json();
  expect(error).toMatchObject({ type: 'invalid_request_error', code: 'too_deeply_nested' });
  return error;
}

describe('deeply nested JSON', () => {
  it('refuses override_params nested too deep in the config header', async () => {
    // About 14 KB: within Node's 16 KB of request headers, and deep enough to overflow JSON.stringify.
    const config = `{"provider":"openai","custom_host":"${harness.upstreams[0].origin}/v1","override_params":{"metadata":${nestedArrays(7_000)}}}`;
    const error = await expectTooDeep(await chat(plainBody, config));
    expect(error.message).toContain('64 levels');
    expect((await chat(plainBody, overriding())).status).toBe(200);
  });

  it('refuses a deep chat body that override_params would re-serialise, and the target stays usable', async () => {
    const body = `{"model":"gpt-4o-mini","messages":${JSON.stringify(messages)},"metadata":${nestedArrays(100_000)}}`;
    // More than the circuit breaker's five consecutive failures, had they counted as the target's.
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const error = await expectTooDeep(await chat(body, overriding()));
      expect(error.message).toContain('512 levels');
    }
    expect((await chat(plainBody, overriding())).status).toBe(200);
  });

  it('still accepts a body nested as deep as the limit', async () => {
    const body = `{"model":"gpt-4o-mini","messages":${JSON.stringify(messages)},"metadata":${nestedArrays(511)}}`;
    expect((await chat(body, overriding())).status).toBe(200);
  });

  it('refuses deep tools on /v1/messages translated for OpenAI, in Anthropic\'s error shape', async () => {
    const body = `{"model":"gpt-4o-mini","max_tokens":16,"messages":${JSON.stringify(messages)},"tools":[{"name":"lookup","input_schema":{"type":"object","properties":${nestedArrays(100_000)}}}]}`;
    const response = await fetch(`${harness.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-test', 'x-portkey-config': JSON.stringify(target()) },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('512 levels') } });
    expect((await chat(plainBody, overriding())).status).toBe(200);
  });
});
