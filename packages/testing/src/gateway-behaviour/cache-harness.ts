/**
 * A gateway with the default in-memory cache and an upstream that numbers its answers, shared by
 * the cache topics: which answer a client gets shows whether the upstream was called.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { sendEvents, sendJson, startMockUpstream, type MockHandler, type MockUpstream } from '../mock-upstream.js';
import { chatChunkEvents, chatCompletion } from '../openai-mock.js';
import { startTimeoutMs, type RunningRuntime, type StartGateway } from './harness.js';

/** Every answer says which upstream call made it: `answer 1`, `answer 2`, ... */
export function numberedAnswers(): MockHandler {
  let calls = 0;
  return (request, response) => {
    calls += 1;
    if (request.json?.stream) return sendEvents(response, chatChunkEvents(request.json.model, [`answer `, `${calls}`]));
    sendJson(response, 200, chatCompletion(request.json?.model ?? 'm', `answer ${calls}`));
  };
}

export const cacheStatus = (response: Response) => response.headers.get('x-portkey-cache-status');

let prompts = 0;
/** A chat body no other test sends, so entries never leak between tests sharing the gateway. */
export function chatBody(text = `question ${++prompts} of ${process.pid}`) {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: text }] };
}

/** A prompt no other test sends. */
export const uniquePrompt = (prefix: string) => `${prefix} ${++prompts}`;

export interface CacheHarness {
  upstream: MockUpstream;
  gateway: RunningRuntime;
  /** The openai SDK on the gateway with a cache config (`config: null` for none). */
  clientFor(options?: { config?: unknown; apiKey?: string; headers?: Record<string, string> }): OpenAI;
  cacheConfig(cache?: Record<string, unknown>): Record<string, unknown>;
}

export function useCacheHarness(start: StartGateway): CacheHarness {
  const harness = {} as CacheHarness;
  harness.cacheConfig = (cache = { mode: 'simple' }) => ({ cache, provider: 'openai', custom_host: `${harness.upstream.origin}/v1` });
  harness.clientFor = (options = {}) => {
    const config = options.config === undefined ? harness.cacheConfig() : options.config;
    return new OpenAI({
      apiKey: options.apiKey ?? 'sk-cache-test',
      baseURL: `${harness.gateway.url}/v1`,
      maxRetries: 0,
      defaultHeaders: { ...(config ? { 'x-portkey-config': JSON.stringify(config) } : {}), ...options.headers },
    });
  };
  beforeAll(async () => {
    harness.upstream = await startMockUpstream(numberedAnswers());
    harness.gateway = await start({});
  }, startTimeoutMs);
  afterAll(async () => {
    await harness.gateway?.close();
    await harness.upstream?.close();
  });
  beforeEach(() => {
    harness.upstream.requests.length = 0;
    harness.upstream.setHandler(numberedAnswers());
  });
  return harness;
}
