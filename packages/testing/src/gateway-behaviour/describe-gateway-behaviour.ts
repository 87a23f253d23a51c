/**
 * The gateway behaviour suite: what any runtime's gateway must do the same way, run against a real
 * running target and driven over HTTP by real clients (the openai and Anthropic SDKs, fetch)
 * against mock upstreams on 127.0.0.1. Settings reach the target through its environment
 * (`AI_GATEWAY_*`), configs through `x-portkey-config`, so every runtime is started and asked the
 * same way.
 *
 * Topics: routing (load balancing, conditional), fallback, retries, timeouts, circuit breaker,
 * streaming failure shapes, cache, the Anthropic format (translated and passed through), the
 * OpenAI API's endpoints, request headers, upstream answers, bad input and errors, settings, guardrails
 * and the request log.
 *
 * A target is a start function; adding one is a test file in its package:
 *
 * @example
 * ```ts
 * describeGatewayBehaviour('bun', (environment) => startBun(environment));
 * ```
 */
import { describeAnthropicClaudeCode } from './anthropic-claude-code.js';
import { describeAnthropicCountTokens } from './anthropic-count-tokens.js';
import { describeAnthropicPassthrough } from './anthropic-passthrough.js';
import { describeAnthropicThinking } from './anthropic-thinking.js';
import { describeAnthropicVertex } from './anthropic-vertex.js';
import { describeAnthropicTranslated } from './anthropic-translated.js';
import { describeBadInput } from './bad-input.js';
import { describeCache } from './cache.js';
import { describeCacheEndpoints } from './cache-endpoints.js';
import { describeCircuitBreaker } from './circuit-breaker.js';
import { describeFallback } from './fallback.js';
import { describeGuardrails } from './guardrails.js';
import type { GatewayBehaviourOptions, StartGateway } from './harness.js';
import { describeOpenAIApi } from './openai-api.js';
import { describeRequestHeaders } from './request-headers.js';
import { describeRequestLog } from './request-log.js';
import { describeRetries } from './retries.js';
import { describeRouting } from './routing.js';
import { describeSettings } from './settings.js';
import { describeStreamingFailures } from './streaming-failures.js';
import { describeTimeouts } from './timeouts.js';
import { describeUpstreamAnswers } from './upstream-answers.js';

export function describeGatewayBehaviour(name: string, start: StartGateway, options: GatewayBehaviourOptions = {}): void {
  describeOpenAIApi(name, start);
  describeRequestHeaders(name, start);
  describeUpstreamAnswers(name, start);
  describeBadInput(name, start, options);
  describeSettings(name, start);
  describeRouting(name, start);
  describeFallback(name, start);
  describeRetries(name, start);
  describeTimeouts(name, start);
  describeStreamingFailures(name, start, options);
  describeCircuitBreaker(name, start);
  describeCache(name, start, options);
  describeCacheEndpoints(name, start);
  describeAnthropicTranslated(name, start);
  describeAnthropicPassthrough(name, start, options);
  describeAnthropicCountTokens(name, start);
  describeAnthropicThinking(name, start);
  describeAnthropicVertex(name, start);
  describeAnthropicClaudeCode(name, start);
  describeGuardrails(name, start);
  describeRequestLog(name, start);
}
