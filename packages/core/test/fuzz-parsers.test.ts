/**
 * Property-based fuzzing of what a hostile client controls: the gateway headers, the config header
 * and the body. Whatever they hold, the gateway answers with a status it means (never a 500
 * `internal_error`, which is an unhandled throw), an OpenAI-shaped error when it refuses, and
 * stays up. Runs in-process through `app.fetch` with an upstream fetch that answers at once, for
 * a bounded time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGateway, silentLogger, type ProviderV1 } from '@ai-gateway/core';

const chatCompletion = JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] });

/** An OpenAI-compatible provider and one that translates, so both body paths are exercised. */
const providers: ProviderV1[] = [
  {
    specificationVersion: 'v1',
    id: 'openai',
    baseUrl: () => 'http://127.0.0.1:9/v1',
    headers: ({ target }) => ({ authorization: `Bearer ${target.apiKey ?? ''}` }),
    endpoints: { chatComplete: { path: '/chat/completions' }, embed: { path: '/embeddings' }, proxy: { path: (call) => call.path } },
  },
  {
    specificationVersion: 'v1',
    id: 'translated',
    baseUrl: () => 'http://127.0.0.1:9/v1',
    headers: () => ({}),
    endpoints: {
      chatComplete: {
        path: '/generate',
        transformRequest: (body) => ({ prompt: JSON.stringify(body.messages ?? null) }),
        transformResponse: (upstream) => upstream as Record<string, unknown>,
      },
    },
  },
];

/** Answers every call at once; some fail, so retries, fallbacks and circuits run too. */
const upstreamFetch = (async (_input: unknown, init?: RequestInit) => {
  const seed = typeof init?.body === 'string' ? init.body.length : 0;
  if (seed % 5 === 1) return new Response('{"error":{"message":"busy"}}', { status: 503, headers: { 'content-type': 'application/json' } });
  return new Response(chatCompletion, { status: 200, headers: { 'content-type': 'application/json' } });
}) as typeof fetch;

const app = createGateway({ providers, fetch: upstreamFetch, logger: silentLogger, retryTiming: { baseDelayMs: 0, maxDelayMs: 0 }, upstreamTimeoutMs: 2_000 });

/** Header values a client can actually send: visible ASCII and spaces, no line breaks. */
const headerValue = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCXYZabcxyz[\\]^_`{|}~'), maxLength: 40 });
const headerNames = [
  'x-portkey-provider', 'x-portkey-custom-host', 'x-portkey-api-key', 'x-portkey-trace-id', 'x-portkey-metadata',
  'x-portkey-request-timeout', 'x-portkey-forward-headers', 'x-portkey-cache-force-refresh', 'x-portkey-cache-namespace',
  'x-portkey-aws-region', 'x-portkey-azure-resource-name', 'x-portkey-vertex-region', 'authorization',
];

const smallNumber = fc.oneof(fc.integer({ min: -5, max: 10 }), fc.double(), fc.constantFrom(0, 1, 2 ** 31, 2 ** 53, Number.MAX_VALUE));
const anyJson = fc.jsonValue({ maxDepth: 4 });
const query = fc.dictionary(
  fc.constantFrom('metadata.plan', 'params.model', 'params.messages.0.content', '$or', '$and', 'x'),
  fc.oneof(anyJson, fc.record({ $regex: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('(?i)a{1,999}b', '[', '(a|b)*c', '^gpt')) }), fc.record({ $in: fc.array(anyJson, { maxLength: 3 }) }), fc.record({ $gt: smallNumber })),
  { maxKeys: 3 },
);

/** Config-shaped values, near the schema (so they pass parsing and reach the engine) and off it. */
const configTarget: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  target: fc.record(
    {
      provider: fc.constantFrom('openai', 'translated', 'nope', ''),
      api_key: fc.string({ maxLength: 10 }),
      custom_host: fc.constantFrom('http://127.0.0.1:9/v1', 'http://169.254.169.254/', 'ftp://x', 'not a url', 'http://[::1]:9/v1', 'http://a@b/'),
      override_params: fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }),
      weight: smallNumber,
      retry: fc.record({ attempts: smallNumber, on_status_codes: fc.array(smallNumber, { maxLength: 3 }) }, { requiredKeys: [] }),
      request_timeout: smallNumber,
      forward_headers: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
      name: fc.constantFrom('a', 'b', ''),
      strategy: fc.record(
        {
          mode: fc.constantFrom('single', 'fallback', 'loadbalance', 'conditional', 'other'),
          on_status_codes: fc.array(smallNumber, { maxLength: 3 }),
          conditions: fc.array(fc.record({ query, then: fc.constantFrom('a', 'b', 'c') }), { maxLength: 3 }),
          default: fc.constantFrom('a', 'b', 'z'),
          balance: fc.constantFrom('weighted', 'latency', 'x'),
        },
        { requiredKeys: ['mode'] },
      ),
      targets: fc.array(tie('target'), { maxLength: 3 }),
      cache: fc.record({ mode: fc.constantFrom('simple', 'semantic', 'x'), max_age: smallNumber }, { requiredKeys: [] }),
      aws_region: fc.string({ maxLength: 12 }),
    },
    { requiredKeys: [] },
  ),
})).target;

const configHeader = fc.oneof(
  configTarget.map((config) => JSON.stringify(config)),
  anyJson.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 30 }),
);

const body = fc.oneof(
  fc.record({ model: fc.oneof(fc.string({ maxLength: 10 }), anyJson), messages: fc.oneof(fc.constant([{ role: 'user', content: 'hi' }]), anyJson), stream: fc.oneof(fc.boolean(), anyJson) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  anyJson.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
);

const request = fc.record({
  path: fc.constantFrom('/v1/chat/completions', '/v1/embeddings', '/v1/files/abc', '/v1/messages', '/v1/a/..%5c..%5cb', '/v1/%2e%2e/x'),
  headers: fc.dictionary(fc.constantFrom(...headerNames), headerValue, { maxKeys: 5 }),
  config: fc.option(configHeader, { nil: undefined }),
  body,
});

function isValidHeaderValue(value: string): boolean {
  return value === value.trim();
}

describe('fuzzed headers, configs and bodies', () => {
  it('never answer 500 and always answer an error in the OpenAI or Anthropic shape', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ path, headers, config, body: text }) => {
        const sent = new Headers({ 'content-type': 'application/json' });
        for (const [name, value] of Object.entries(headers)) if (isValidHeaderValue(value)) sent.set(name, value);
        if (config !== undefined && isValidHeaderValue(config)) sent.set('x-portkey-config', config);
        const response = await app.fetch(new Request(`http://gateway${path}`, { method: 'POST', headers: sent, body: text }));
        const answer = await response.text();
        expect(response.status, answer).not.toBe(500);
        if (response.status >= 400) {
          const error = JSON.parse(answer).error;
          expect(typeof error.message, answer).toBe('string');
          expect(typeof error.type, answer).toBe('string');
        }
      }),
      // Bounded: as many runs as fit in the time, at least enough to mean something.
      { numRuns: 3_000, interruptAfterTimeLimit: 12_000, markInterruptAsFailure: false },
    );
  }, 30_000);
});
