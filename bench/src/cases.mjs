/**
 * The benchmark cases and the request each one sends. Every gateway gets the very same headers
 * (ours and Portkey's speak the same ones); the floor gets the request the gateway would send
 * upstream, so "added latency" is the gateway's cost alone.
 *
 * A case whose feature a gateway lacks is found by a probe before any load, and reported as
 * n/a instead of being measured as a stream of errors; once the feature lands, the probe passes
 * and the case is measured with no change here.
 */
import { expectedAnswerText } from './canned-responses.mjs';

const apiKey = 'bench-key';
const userMessage = [{ role: 'user', content: 'Say hello to the benchmark.' }];

/** @param {boolean} stream */
const openAiBody = (stream) => JSON.stringify({ model: 'gpt-4o-mini', messages: userMessage, max_tokens: 64, ...(stream ? { stream: true } : {}) });
/** @param {boolean} stream */
const anthropicBody = (stream) => JSON.stringify({ model: 'claude-3-5-haiku-latest', messages: userMessage, max_tokens: 64, ...(stream ? { stream: true } : {}) });
/**
 * The anthropic case's request as a Responses API client sends it: the same model, text and token
 * limit. `store: false`: the stored-response path (the gateway keeps a translated answer unless
 * told not to, as OpenAI does) is not measured here. The case compares the translation alone with
 * the chat case, which stores nothing.
 * https://platform.openai.com/docs/api-reference/responses/create
 * @param {boolean} stream
 */
const responsesBody = (stream) =>
  JSON.stringify({ model: 'claude-3-5-haiku-latest', input: userMessage[0].content, max_output_tokens: 64, store: false, ...(stream ? { stream: true } : {}) });

/**
 * @typedef {{ origin: string, failingOrigin: string }} Upstreams
 * @typedef {{ path: string, headers: Record<string, string>, body: string }} CaseRequest
 * @typedef {{ stream: boolean }} RequestShape
 *
 * @typedef {object} BenchCase
 * @property {string} id
 * @property {string} label
 * @property {'openai' | 'anthropic'} upstream which floor this case is compared with
 * @property {boolean} streams whether time to first byte is measured for it
 * @property {(upstreams: Upstreams, shape: RequestShape) => CaseRequest} gatewayRequest
 * @property {(upstreams: Upstreams) => import('./probe.mjs').ProbeExpectation} expectation
 *   what a system must do for the case to count as supported (probe.mjs); its `answerFormat` is
 *   also how the case's streamed answer is read
 */

/** What the floor sends for each upstream kind: the upstream's own API, straight to the mock. */
export const floorRequests = {
  /** @param {Upstreams} _upstreams @param {RequestShape} shape @returns {CaseRequest} */
  openai: (_upstreams, { stream }) => ({
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: openAiBody(stream),
  }),
  /** @param {Upstreams} _upstreams @param {RequestShape} shape @returns {CaseRequest} */
  anthropic: (_upstreams, { stream }) => ({
    path: '/v1/messages',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' },
    body: anthropicBody(stream),
  }),
};

/** The headers of the anthropic case, which the Responses case sends too. @param {string} origin */
const anthropicHeaders = (origin) => ({ 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${origin}/v1` });

/** @param {Record<string, unknown>} config */
const configHeaders = (config) => ({ 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config) });

/** @type {BenchCase[]} */
export const cases = [
  {
    id: 'passthrough',
    label: 'passthrough to openai',
    upstream: 'openai',
    streams: true,
    gatewayRequest: ({ origin }, { stream }) => ({
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${origin}/v1` },
      body: openAiBody(stream),
    }),
    expectation: () => ({ answerText: expectedAnswerText, upstreamPaths: { '/v1/chat/completions': 1 } }),
  },
  {
    id: 'anthropic',
    label: 'translated provider (anthropic)',
    upstream: 'anthropic',
    streams: true,
    gatewayRequest: ({ origin }, { stream }) => ({
      path: '/v1/chat/completions',
      headers: anthropicHeaders(origin),
      body: anthropicBody(stream),
    }),
    expectation: () => ({ answerText: expectedAnswerText, upstreamPaths: { '/v1/messages': 1 } }),
  },
  {
    // The anthropic case as a Responses API client asks it: beside it, what the second translation
    // (Responses to chat and back) costs.
    id: 'responses-anthropic',
    label: 'Responses API translated (anthropic)',
    upstream: 'anthropic',
    streams: true,
    gatewayRequest: ({ origin }, { stream }) => ({ path: '/v1/responses', headers: anthropicHeaders(origin), body: responsesBody(stream) }),
    expectation: () => ({ answerText: expectedAnswerText, answerFormat: 'responses', upstreamPaths: { '/v1/messages': 1 } }),
  },
  {
    id: 'fallback',
    label: 'fallback, first target fails fast (503)',
    upstream: 'openai',
    streams: true,
    gatewayRequest: ({ origin, failingOrigin }, { stream }) => ({
      path: '/v1/chat/completions',
      headers: configHeaders({
        strategy: { mode: 'fallback' },
        targets: [
          { provider: 'openai', custom_host: `${failingOrigin}/v1`, api_key: apiKey },
          { provider: 'openai', custom_host: `${origin}/v1`, api_key: apiKey },
        ],
      }),
      body: openAiBody(stream),
    }),
    expectation: () => ({ answerText: expectedAnswerText, upstreamPaths: { '/v1/chat/completions': 1 }, failingPaths: { '/v1/chat/completions': 1 } }),
  },
  {
    // Passthrough under a config header: what the input-guardrails case costs without its checks.
    id: 'config-passthrough',
    label: 'passthrough under a config header',
    upstream: 'openai',
    streams: false,
    gatewayRequest: ({ origin }, { stream }) => ({
      path: '/v1/chat/completions',
      headers: configHeaders({ provider: 'openai', custom_host: `${origin}/v1`, api_key: apiKey }),
      body: openAiBody(stream),
    }),
    expectation: () => ({ answerText: expectedAnswerText, upstreamPaths: { '/v1/chat/completions': 1 } }),
  },
  {
    // Passthrough with three cheap input checks (Portkey's ids and parameters, so both gateways run
    // them): beside config-passthrough (the same config without them), what guardrails cost: the
    // checks, and the hook_results they add to the answer.
    id: 'input-guardrails',
    label: 'passthrough with three input guardrails',
    upstream: 'openai',
    streams: false,
    gatewayRequest: ({ origin }, { stream }) => ({
      path: '/v1/chat/completions',
      headers: configHeaders({
        provider: 'openai', custom_host: `${origin}/v1`, api_key: apiKey,
        input_guardrails: [{
          'default.contains': { operator: 'none', words: ['password', 'secret'] },
          'default.wordCount': { minWords: 1, maxWords: 1000 },
          'default.characterCount': { minCharacters: 1, maxCharacters: 10000 },
          deny: true,
        }],
      }),
      body: openAiBody(stream),
    }),
    expectation: () => ({ answerText: expectedAnswerText, upstreamPaths: { '/v1/chat/completions': 1 } }),
  },
  {
    id: 'cache-hit',
    label: 'cache hit (simple cache)',
    upstream: 'openai',
    streams: false,
    gatewayRequest: ({ origin }, { stream }) => ({
      path: '/v1/chat/completions',
      headers: configHeaders({ cache: { mode: 'simple' }, provider: 'openai', custom_host: `${origin}/v1`, api_key: apiKey }),
      body: openAiBody(stream),
    }),
    // After one priming request, repeats must not reach the upstream at all.
    expectation: () => ({ answerText: expectedAnswerText, upstreamPaths: {}, primeFirst: true }),
  },
];

export const caseIds = cases.map((benchCase) => benchCase.id);
