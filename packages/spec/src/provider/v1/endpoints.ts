/**
 * The operations the gateway knows, named after what they do rather than their OpenAI path,
 * so that a provider can map each one to its own API.
 */
export type Endpoint =
  | 'chatComplete'
  | 'complete'
  | 'embed'
  | 'imageGenerate'
  | 'createSpeech'
  | 'createTranscription'
  | 'createTranslation'
  | 'listModels'
  | 'messages'
  /** Counting a request's input tokens without running it (Anthropic's `/messages/count_tokens`). */
  | 'countTokens'
  | 'responses'
  | 'proxy';

export interface EndpointRoute {
  endpoint: Endpoint;
  method: 'GET' | 'POST';
  /** Path below `/v1`, as the OpenAI (or Anthropic, for `messages`) API spells it. */
  path: string;
}

/** The routes of the OpenAI-compatible API; anything else below `/v1/` is `proxy`. */
export const endpointRoutes: readonly EndpointRoute[] = [
  { endpoint: 'chatComplete', method: 'POST', path: '/chat/completions' },
  { endpoint: 'complete', method: 'POST', path: '/completions' },
  { endpoint: 'embed', method: 'POST', path: '/embeddings' },
  { endpoint: 'imageGenerate', method: 'POST', path: '/images/generations' },
  { endpoint: 'createSpeech', method: 'POST', path: '/audio/speech' },
  { endpoint: 'createTranscription', method: 'POST', path: '/audio/transcriptions' },
  { endpoint: 'createTranslation', method: 'POST', path: '/audio/translations' },
  { endpoint: 'listModels', method: 'GET', path: '/models' },
];

/** Every endpoint: the routes' own, the client formats' (`messages`, `countTokens`, `responses`) and the passthrough. */
export const allEndpoints: readonly Endpoint[] = [
  'chatComplete', 'complete', 'embed', 'imageGenerate', 'createSpeech', 'createTranscription', 'createTranslation', 'listModels', 'messages', 'countTokens', 'responses', 'proxy',
];
