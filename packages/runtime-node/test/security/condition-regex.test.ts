/**
 * A conditional config's `$regex` runs on the gateway's one event loop: one request's patterns
 * must not stall every other request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthy, postChat, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import type { RunningGateway } from '../../src/index.js';
import { startTestGateway } from '../node-harness.js';

let upstream: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startMockUpstream(healthy);
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

function conditional(pattern: string, conditions = 3) {
  return {
    provider: 'openai',
    api_key: 'sk-test',
    custom_host: `${upstream.origin}/v1`,
    strategy: {
      mode: 'conditional',
      conditions: Array.from({ length: conditions }, (_, index) => ({ query: { 'params.messages.0.content': { $regex: pattern } }, then: `t${index}` })),
      default: 'fallback',
    },
    targets: [...Array.from({ length: conditions }, (_, index) => ({ name: `t${index}` })), { name: 'fallback' }],
  };
}

const longPrompt = { messages: [{ role: 'user', content: 'a'.repeat(100_000) }] };

/** How long a plain request takes while `hostile` is being answered. */
async function timeOfOtherRequestDuring(hostile: Promise<Response>): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = Date.now();
  const other = await postChat(gateway, { provider: 'openai', api_key: 'sk-test', custom_host: `${upstream.origin}/v1` });
  expect(other.status).toBe(200);
  await hostile;
  return Date.now() - started;
}

describe('conditional $regex', () => {
  it('refuses a pattern whose program is too large, before reading any subject', async () => {
    const started = Date.now();
    const response = await postChat(gateway, conditional('(?i)a{1,999}b'), { body: longPrompt });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('regex_too_complex');
    expect(error.message).toMatch(/too complex/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('bounds the work of the patterns it accepts, so other requests keep their pace', async () => {
    const hostile = postChat(gateway, conditional('(?i)(a{1,20}){1,10}b', 10), { body: longPrompt });
    const otherMs = await timeOfOtherRequestDuring(hostile);
    const response = await hostile;
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('regex_too_costly');
    expect(otherMs).toBeLessThan(500);
  });

  it('still routes by an ordinary pattern', async () => {
    const config = conditional('^hello', 1);
    const response = await postChat(gateway, config, { body: { messages: [{ role: 'user', content: 'hello there' }] } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[0]');
  });
});
