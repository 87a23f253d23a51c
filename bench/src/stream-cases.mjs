/**
 * The cases of the stream-load phase (stream-phase.mjs): a stream passed through, and the three
 * translations a stream can take. Each reaches the mock's paced streams (`/paced/<ms>/<pieces>`),
 * which send their first piece at once, so header and first-chunk costs are not hidden behind a
 * model's thinking time.
 *
 * @typedef {object} StreamCase
 * @property {string} id
 * @property {string} label
 * @property {'openai' | 'anthropic'} upstream the API the floor reads directly
 * @property {import('./answer-text.mjs').AnswerFormat} format what the gateway's client reads
 * @property {(pacedOrigin: string) => { path: string, headers: Record<string, string>, body: string }} gatewayRequest
 */

const apiKey = 'bench-key';
const messages = [{ role: 'user', content: 'Say hello to the benchmark.' }];
const streamed = (fields) => JSON.stringify({ ...fields, stream: true });

/** What the floor sends, straight to the mock's paced API. */
export const floorStreamRequests = {
  /** @param {string} pacedOrigin */
  openai: (pacedOrigin) => ({
    url: `${pacedOrigin}/v1/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: streamed({ model: 'gpt-4o-mini', messages, max_tokens: 64 }),
  }),
  /** @param {string} pacedOrigin */
  anthropic: (pacedOrigin) => ({
    url: `${pacedOrigin}/v1/messages`,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' },
    body: streamed({ model: 'claude-3-5-haiku-latest', messages, max_tokens: 64 }),
  }),
};

/** @param {string} provider @param {string} pacedOrigin */
const providerHeaders = (provider, pacedOrigin) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${apiKey}`,
  'x-portkey-provider': provider,
  'x-portkey-custom-host': `${pacedOrigin}/v1`,
});

/** @type {StreamCase[]} */
export const streamCases = [
  {
    id: 'passthrough',
    label: 'stream passed through (openai)',
    upstream: 'openai',
    format: 'chat',
    gatewayRequest: (pacedOrigin) => ({
      path: '/v1/chat/completions',
      headers: providerHeaders('openai', pacedOrigin),
      body: streamed({ model: 'gpt-4o-mini', messages, max_tokens: 64 }),
    }),
  },
  {
    id: 'anthropic-to-chat',
    label: 'anthropic events to OpenAI chunks',
    upstream: 'anthropic',
    format: 'chat',
    gatewayRequest: (pacedOrigin) => ({
      path: '/v1/chat/completions',
      headers: providerHeaders('anthropic', pacedOrigin),
      body: streamed({ model: 'claude-3-5-haiku-latest', messages, max_tokens: 64 }),
    }),
  },
  {
    // An Anthropic client (Claude Code) in front of an OpenAI-format target.
    id: 'chat-to-messages',
    label: 'OpenAI chunks to /v1/messages events',
    upstream: 'openai',
    format: 'anthropic',
    gatewayRequest: (pacedOrigin) => ({
      path: '/v1/messages',
      headers: { ...providerHeaders('openai', pacedOrigin), 'anthropic-version': '2023-06-01' },
      body: streamed({ model: 'gpt-4o-mini', messages, max_tokens: 64 }),
    }),
  },
  {
    // A Responses client in front of a chat-only target: DeepSeek's preset has no /v1/responses,
    // so the gateway asks its chat API and makes Responses events of the chunks.
    id: 'chat-to-responses',
    label: 'OpenAI chunks to /v1/responses events',
    upstream: 'openai',
    format: 'responses',
    gatewayRequest: (pacedOrigin) => ({
      path: '/v1/responses',
      headers: providerHeaders('deepseek', pacedOrigin),
      body: streamed({ model: 'deepseek-chat', input: messages[0].content, max_output_tokens: 64, store: false }),
    }),
  },
];

export const streamCaseIds = streamCases.map((streamCase) => streamCase.id);
