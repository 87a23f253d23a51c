/**
 * The hook engine, driven by a third-party guardrail package (test/fixtures/external-guardrail,
 * written against @ai-gateway/spec alone) through the Node gateway with the official openai SDK and
 * fetch: input and output checks, deny (446) and non-deny (246 with hook_results), retries and
 * fallbacks acting on a denied answer, rewrites, streams, failing, slow and async checks.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { Portkey } from 'portkey-ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatChunkEvents, named, sequence, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { builtinGuardrails } from '@ai-gateway/guardrails';
import type { RunningGateway } from '../src/index.js';
import { acmeGuardrails, slowCheckFinished } from './fixtures/external-guardrail/index.js';
import { startTestGateway } from './node-harness.js';

let upstream: MockUpstream;
let spare: MockUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  [upstream, spare] = await Promise.all([startMockUpstream(named('Bat')), startMockUpstream(named('from the spare'))]);
  gateway = await startTestGateway({ guardrails: [...builtinGuardrails, ...acmeGuardrails] });
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([upstream?.close(), spare?.close()]);
});
/** A new handler, and no requests recorded yet. */
const reset = (mock: MockUpstream, handler: Parameters<MockUpstream['setHandler']>[0]) => {
  mock.setHandler(handler);
  mock.requests.length = 0;
};
beforeEach(() => {
  reset(upstream, named('Bat'));
  reset(spare, named('from the spare'));
});

const target = (mock = upstream) => ({ provider: 'openai', api_key: 'sk-test', custom_host: `${mock.origin}/v1` });
const clientWith = (config: Record<string, unknown>) => new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });

async function post(config: Record<string, unknown>, body: Record<string, unknown> = {}, path = '/v1/chat/completions'): Promise<Response> {
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config) },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about fruit.' }], ...body }),
  });
}

describe('a third-party guardrail package', () => {
  it('depends on nothing but the contract package, @ai-gateway/spec', () => {
    const source = readFileSync(new URL('./fixtures/external-guardrail/index.ts', import.meta.url), 'utf8');
    expect([...source.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1])).toEqual(['@ai-gateway/spec']);
  });
});

describe('input guardrails', () => {
  it('denies with 446 and hook_results, and never calls the provider', async () => {
    const response = await post({ ...target(), input_guardrails: [{ 'acme.blocklist': { words: ['fruit'] }, deny: true }] });
    expect(response.status).toBe(446);
    const body = await response.json();
    expect(body.error).toMatchObject({ type: 'hooks_failed', code: 'guardrail_denied' });
    expect(body.hook_results.before_request_hooks[0]).toMatchObject({
      verdict: false, deny: true, checks: [{ id: 'acme.blocklist', verdict: false, data: { found: ['fruit'], provider: 'openai', event: 'beforeRequestHook' } }],
    });
    expect(upstream.requests).toHaveLength(0);
  });

  it('lets a failed check that does not deny through with 246 and hook_results beside the answer', async () => {
    const response = await post({ ...target(), input_guardrails: [{ 'acme.blocklist': { words: ['fruit'] } }] });
    expect(response.status).toBe(246);
    const body = await response.json();
    expect(body.choices[0].message.content).toBe('Bat');
    expect(body.hook_results).toMatchObject({ before_request_hooks: [{ verdict: false, deny: false }], after_request_hooks: [] });
  });

  it('answers 200 with hook_results when every check passes, and the openai SDK reads the answer', async () => {
    const completion = await clientWith({ ...target(), before_request_hooks: [{ type: 'guardrail', id: 'no-weapons', checks: [{ id: 'acme.blocklist', parameters: { words: ['sword'] } }], deny: true }] })
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0].message.content).toBe('Bat');
    expect((completion as unknown as { hook_results: { before_request_hooks: { id: string; verdict: boolean }[] } }).hook_results.before_request_hooks[0]).toMatchObject({ id: 'no-weapons', verdict: true });
  });

  it('rewrites the request a mutator changes before the provider sees it', async () => {
    const response = await post({ ...target(), before_request_hooks: [{ type: 'mutator', checks: [{ id: 'acme.redact' }] }] }, { messages: [{ role: 'system', content: 'Keep the secret.' }, { role: 'user', content: 'My secret is 42.' }] });
    expect(response.status).toBe(200);
    expect(upstream.requests[0].json.messages).toEqual([{ role: 'system', content: 'Keep the [REDACTED].' }, { role: 'user', content: 'My [REDACTED] is 42.' }]);
    expect((await response.json()).hook_results.before_request_hooks[0]).toMatchObject({ type: 'mutator', transformed: true });
  });

  it('fails closed: a check that throws makes a deny hook deny, with the error reported', async () => {
    const response = await post({ ...target(), input_guardrails: [{ 'acme.broken': {}, deny: true }] });
    expect(response.status).toBe(446);
    expect((await response.json()).hook_results.before_request_hooks[0].checks[0]).toMatchObject({ id: 'acme.broken', verdict: false, error: 'the toxicity service is down' });
    expect(upstream.requests).toHaveLength(0);
  });

  it("lets a failing check pass when its failOnError is false (Portkey's switch), still reporting the error", async () => {
    const response = await post({ ...target(), input_guardrails: [{ 'acme.broken': { failOnError: false }, deny: true }] });
    expect(response.status).toBe(200);
    expect((await response.json()).hook_results.before_request_hooks[0].checks[0]).toMatchObject({ verdict: true, error: 'the toxicity service is down' });
  });

  it("reports the hook's on_fail or on_success feedback with its verdict", async () => {
    const hook = { 'acme.blocklist': { words: ['fruit'] }, on_fail: { feedback: { value: -10, weight: 1, metadata: { team: 'a' } } }, on_success: { feedback: { value: 5 } } };
    const failed = await post({ ...target(), input_guardrails: [hook] });
    expect((await failed.json()).hook_results.before_request_hooks[0].feedback).toEqual({ value: -10, weight: 1, metadata: { team: 'a', successfulChecks: '', failedChecks: 'acme.blocklist', erroredChecks: '' } });
    const passed = await post({ ...target(), input_guardrails: [hook] }, { messages: [{ role: 'user', content: 'Hi' }] });
    expect((await passed.json()).hook_results.before_request_hooks[0].feedback).toMatchObject({ value: 5, weight: 1, metadata: { successfulChecks: 'acme.blocklist' } });
  });

  it('reads the model a target will get', async () => {
    const allowed = await post({ ...target(), override_params: { model: 'gpt-4o' }, input_guardrails: [{ 'acme.model': { model: 'gpt-4o' }, deny: true }] });
    expect(allowed.status).toBe(200);
  });
});

describe('the portkey-ai SDK', () => {
  const portkeyWith = (config: Record<string, unknown>) => new Portkey({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, config, maxRetries: 0 });

  it('reads a 246 answer with its hook_results', async () => {
    const completion = await portkeyWith({ ...target(), input_guardrails: [{ 'acme.blocklist': { words: ['fruit'] } }] })
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about fruit.' }] });
    expect(completion.choices?.[0]?.message?.content).toBe('Bat');
    expect((completion as unknown as { hook_results: { before_request_hooks: { verdict: boolean }[] } }).hook_results.before_request_hooks[0].verdict).toBe(false);
  });

  it('raises a 446 as an error', async () => {
    const failure = await portkeyWith({ ...target(), input_guardrails: [{ 'acme.blocklist': { words: ['fruit'] }, deny: true }] })
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about fruit.' }] })
      .then(() => undefined, (error: unknown) => error as { status?: number });
    expect(failure?.status).toBe(446);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('output guardrails', () => {
  it('retries a denied answer until one passes (the retry-on-446 example)', async () => {
    reset(upstream, sequence(named('Apple'), named('Apple'), named('Bat')));
    const config = { ...target(), retry: { attempts: 5, on_status_codes: [446] }, output_guardrails: [{ 'acme.blocklist': { words: ['Apple'] }, deny: true }] };
    const completion = await clientWith(config).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Apple or Bat?' }] });
    expect(completion.choices[0].message.content).toBe('Bat');
    expect(upstream.requests).toHaveLength(3);
  });

  it('answers 446 when the retries run out, and does not retry a 446 unless asked', async () => {
    reset(upstream, named('Apple'));
    const failure = await clientWith({ ...target(), output_guardrails: [{ 'acme.blocklist': { words: ['Apple'] }, deny: true }] })
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Apple?' }] })
      .then(() => undefined, (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);
    expect(failure?.status).toBe(446);
    expect(upstream.requests).toHaveLength(1);
  });

  it('holds a guardrail on one fallback target to that target: its denial falls back to the next', async () => {
    reset(upstream, named('Apple'));
    const config = {
      strategy: { mode: 'fallback' },
      targets: [{ ...target(), output_guardrails: [{ 'acme.blocklist': { words: ['Apple'] }, deny: true }] }, { ...target(spare) }],
    };
    const response = await post(config);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.choices[0].message.content).toBe('from the spare');
    expect(body.hook_results).toBeUndefined();
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
  });

  it('does not fall back on a denial when on_status_codes leaves 446 out', async () => {
    reset(upstream, named('Apple'));
    const config = {
      strategy: { mode: 'fallback', on_status_codes: [500] },
      targets: [{ ...target(), output_guardrails: [{ 'acme.blocklist': { words: ['Apple'] }, deny: true }] }, { ...target(spare) }],
    };
    expect((await post(config)).status).toBe(446);
    expect(spare.requests).toHaveLength(0);
  });

  it('rewrites the answer a mutator changes before the client sees it', async () => {
    reset(upstream, named('The secret is out.'));
    const response = await post({ ...target(), after_request_hooks: [{ type: 'mutator', checks: [{ id: 'acme.redact' }] }] });
    expect((await response.json()).choices[0].message.content).toBe('The [REDACTED] is out.');
  });

  it('refuses a rewriting check on a streamed answer, which cannot take back what it sent', async () => {
    const response = await post({ ...target(), after_request_hooks: [{ type: 'mutator', checks: [{ id: 'acme.redact' }] }] }, { stream: true });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'unsupported_config', param: 'after_request_hooks[0]' });
  });
});

describe('output guardrails on streams', () => {
  const streamed = async (config: Record<string, unknown>) => {
    const response = await post(config, { stream: true });
    return { status: response.status, text: await response.text() };
  };

  it('ends a denied stream with an error event carrying hook_results, never [DONE]', async () => {
    reset(upstream, (request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of chatChunkEvents(request.json.model, ['An ', 'Apple ', 'a day.'])) response.write(event);
      response.end();
    });
    const { status, text } = await streamed({ ...target(), output_guardrails: [{ 'acme.blocklist': { words: ['apple'] }, deny: true }] });
    expect(status).toBe(200);
    const events = text.trim().split('\n\n');
    expect(events.at(-1)).toMatch(/^data: \{"error":\{"message":"The guardrail checks/);
    expect(JSON.parse(events.at(-1)!.slice(6)).hook_results.after_request_hooks[0].checks[0].data.found).toEqual(['apple']);
    expect(text).not.toContain('[DONE]');
  });

  it('sends hook_results in a chunk before [DONE] when the answer passes, and the SDK streams it', async () => {
    const stream = await clientWith({ ...target(), output_guardrails: [{ 'acme.blocklist': { words: ['Apple'] }, deny: true }] })
      .chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hi' }] });
    let content = '';
    let results: unknown;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta?.content ?? '';
      results ??= (chunk as unknown as { hook_results?: unknown }).hook_results;
    }
    expect(content).toBe('Bat');
    expect(results).toMatchObject({ after_request_hooks: [{ verdict: true }] });
  });
});

describe('guardrails on the Responses API', () => {
  const responsesClient = (config: Record<string, unknown>) => new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });
  const translated = { provider: 'deepseek', api_key: 'sk-test', custom_host: `http://placeholder/v1` };

  it('judges the translated answer and retries a denied one', async () => {
    reset(upstream, sequence(named('Apple'), named('Bat')));
    const config = { ...translated, custom_host: `${upstream.origin}/v1`, retry: { attempts: 2, on_status_codes: [446] }, output_guardrails: [{ 'default.contains': { operator: 'none', words: ['Apple'] }, deny: true }] };
    const response = await responsesClient(config).responses.create({ model: 'deepseek-chat', input: 'Apple or Bat?' });
    expect(response.output_text).toBe('Bat');
    expect(upstream.requests).toHaveLength(2);
  });

  it('ends a denied Responses stream with its own error event', async () => {
    reset(upstream, named('An Apple a day.'));
    const config = { ...translated, custom_host: `${upstream.origin}/v1`, output_guardrails: [{ 'default.contains': { operator: 'none', words: ['Apple'] }, deny: true }] };
    const stream = responsesClient(config).responses.stream({ model: 'deepseek-chat', input: 'Fruit?' });
    await expect(stream.finalResponse()).rejects.toThrow(/guardrail checks/);
  });
});

describe('built-in checks through the engine', () => {
  it('redacts PII in the request before the provider sees it', async () => {
    const response = await post({ ...target(), input_guardrails: [{ 'default.pii': { redact: true } }] }, { messages: [{ role: 'user', content: 'Mail me at ada@example.com.' }] });
    expect(response.status).toBe(200);
    expect(upstream.requests[0].json.messages[0].content).toBe('Mail me at [REDACTED_EMAIL_ADDRESS].');
    expect(JSON.stringify(await response.json())).not.toContain('ada@example.com');
  });

  it('judges a streamed answer with a PII check that does not redact, and refuses one that would', async () => {
    reset(upstream, named('Call +44 20 7946 0958.'));
    const judged = await post({ ...target(), output_guardrails: [{ 'default.pii': {}, deny: true }] }, { stream: true });
    expect((await judged.text()).trim().split('\n\n').at(-1)).toMatch(/^data: \{"error"/);
    const refused = await post({ ...target(), output_guardrails: [{ 'default.pii': { redact: true } }] }, { stream: true });
    expect(refused.status).toBe(400);
  });
});

describe('a webhook check', () => {
  let hook: Server;
  let hookOrigin: string;
  beforeAll(async () => {
    hook = createServer((request, response) => {
      if (request.url === '/slow') return void setTimeout(() => response.end(JSON.stringify({ verdict: true })), 2_000);
      if (request.url === '/redirect') {
        response.writeHead(302, { location: '/pass' });
        return void response.end();
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ verdict: request.url === '/pass' }));
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookOrigin = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => hook.close(() => resolve())));

  const withWebhook = (path: string, extra: Record<string, unknown> = {}) => ({ ...target(), input_guardrails: [{ 'default.webhook': { webhookURL: `${hookOrigin}${path}`, ...extra }, deny: true }] });

  it("uses the webhook's verdict", async () => {
    expect((await post(withWebhook('/pass'))).status).toBe(200);
    expect((await post(withWebhook('/fail'))).status).toBe(446);
  });

  it('fails when the webhook is slow, redirects or is down (a deny hook answers 446), each with its reason', async () => {
    const slow = await post(withWebhook('/slow', { timeout: 300 }));
    expect(slow.status).toBe(446);
    const redirect = await post(withWebhook('/redirect'));
    expect(redirect.status).toBe(446);
    const down = await post({ ...target(), input_guardrails: [{ 'default.webhook': { webhookURL: 'http://127.0.0.1:9/hook' }, deny: true }] });
    expect(down.status).toBe(446);
    for (const response of [slow, redirect, down]) expect((await response.json()).hook_results.before_request_hooks[0].checks[0].error).toBeTruthy();
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses a webhook URL the custom-host policy refuses, when the config is read', async () => {
    const response = await post({ ...target(), input_guardrails: [{ 'default.webhook': { webhookURL: 'http://169.254.169.254/latest/meta-data' }, deny: true }] });
    expect(response.status).toBe(400);
    expect((await response.json()).error.param).toBe('input_guardrails[0].default.webhook.webhookURL');
  });
});

describe('async hooks', () => {
  it('run without delaying the answer', async () => {
    const started = Date.now();
    const response = await post({ ...target(), input_guardrails: [{ 'acme.slow': { ms: 1500, tag: 'async-input' }, async: true }] });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(slowCheckFinished['async-input']).toBeUndefined();
    await expect.poll(() => slowCheckFinished['async-input'], { timeout: 5000 }).toBeGreaterThan(started + 1400);
  });
});

describe('configs with hooks, checked when read', () => {
  it.each([
    [{ input_guardrails: [{ 'acme.nope': {} }] }, 'input_guardrails[0].acme.nope', /unknown guardrail check 'acme.nope'/],
    [{ input_guardrails: [{ 'acme.blocklist': { words: 'fruit' } }] }, 'input_guardrails[0].acme.blocklist', /'words' must be a list/],
    [{ output_guardrails: [{ 'acme.model': { model: 'x' } }] }, 'output_guardrails[0].acme.model', /runs only as an input check/],
    [{ before_request_hooks: [{ type: 'mutator', checks: [{ id: 'acme.blocklist', parameters: { words: [] } }] }] }, 'before_request_hooks[0].checks[0]', /cannot be a mutator/],
    [{ input_guardrails: [{ 'acme.blocklist': { words: [] }, deny: 'yes' }] }, 'input_guardrails[0].deny', /true or false/],
    [{ input_guardrails: [{ 'acme.blocklist': { words: [] }, on_fail: { feedback: {} } }] }, 'input_guardrails[0].on_fail.feedback', /number value/],
    [{ before_request_hooks: [{ checks: [{ id: 'acme.blocklist', parameters: { words: [] } }], sequential: true }] }, 'before_request_hooks[0].sequential', /not a hook field/],
    [{ cache: { mode: 'simple' }, input_guardrails: [{ 'acme.blocklist': { words: [] } }] }, 'cache', /cached answer would skip/],
  ])('refuses %j naming the field', async (hooks, field, message) => {
    const response = await post({ ...target(), ...hooks });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.param).toBe(field);
    expect(error.message).toMatch(message);
    expect(upstream.requests).toHaveLength(0);
  });
});
