/**
 * One target with its retries: exponential backoff with jitter, the upstream's `retry-after`
 * honoured up to a cap, and the circuit breaker consulted before every attempt.
 */
import type { ConfigTarget } from '../config/schema.js';
import { GatewayError, toGatewayError } from '@ai-gateway/provider-utils';
import type { Answer } from '../upstream/answer.js';
import { callTarget } from '../upstream/call-target.js';
import { timeoutChosenByClient, toTargetOptions } from './target-options.js';
import type { AttemptRecordV1, TargetOptions } from '@ai-gateway/spec';
import type { GatewayRequest } from '../request/gateway-request.js';
import type { RecordDraft } from '../record/record-draft.js';
import type { ExecutionTrace, StrategyDependencies } from './execute-config.js';
import { backoffDelay, sleep, upstreamRetryAfter } from './retry-delay.js';
import { hooksOf } from '../guardrails/hook-spec.js';
import { checkAnswer, refuseStreamedRewrite, runInputHooks } from '../guardrails/leaf-hooks.js';

export const defaultRetryStatusCodes: readonly number[] = [429, 500, 502, 503, 504];

/** FNV-1a: a short, non-reversible tag that tells API keys apart without keeping them. */
function fingerprint(text: string | undefined): string {
  if (!text) return '';
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

/**
 * Identifies a target for the circuit breaker and latency stats: provider, host, model and the
 * key's fingerprint, so one tenant's dead custom host or rate-limited key never trips the circuit
 * for another. It never contains the key itself.
 */
export function leafKey(target: TargetOptions, name?: string): string {
  const model = target.overrideParams?.model;
  return `${target.provider}|${target.customHost ?? ''}|${typeof model === 'string' ? model : ''}|${name ?? ''}|${fingerprint(target.apiKey)}`;
}

/** The key of a config node, or undefined when it cannot be resolved (it will fail with a clear error when run). */
export function nodeKey(node: ConfigTarget, request: GatewayRequest): string | undefined {
  try {
    return leafKey(toTargetOptions(node, request.options, request.configSource), node.name);
  } catch {
    return undefined;
  }
}

/** Failures that say something about the target's health (not about the request). */
function isHealthFailure(error: GatewayError): boolean {
  return error.status >= 500 || error.status === 408 || error.status === 429;
}

const attemptLimitCode = 'attempt_limit_reached';

/**
 * A request may make at most `maxAttemptsPerRequest` upstream calls, retries and fallbacks together:
 * a config of 200 fallback targets (or a client's) must not turn one request into 200 calls.
 */
function attemptLimitError(limit: number): GatewayError {
  return new GatewayError(`This request reached the gateway's limit of ${limit} upstream calls (retries and fallbacks together).`, {
    status: 502,
    type: 'upstream_error',
    code: attemptLimitCode,
  });
}

export function isAttemptLimit(error: GatewayError): boolean {
  return error.code === attemptLimitCode;
}

/** The gateway's own 408s: the upstream took longer than the timeout the call ran under. */
function isTimeout(error: GatewayError): boolean {
  return error.code === 'request_timeout' || error.code === 'stream_idle_timeout';
}

/**
 * Failures that say nothing about the target: the client went away, or the timeout it chose ran
 * out. A client's timeout still counts toward a circuit that is the client's alone (its own config
 * with its own key); under an operator's config, or for a target with no key (a local model), the
 * circuit is shared, and one tenant's 1 ms timeout must not open it for every other client.
 */
function isClientCaused(failure: GatewayError, node: ConfigTarget, target: TargetOptions, request: GatewayRequest): boolean {
  if (request.signal.aborted) return true;
  if (!isTimeout(failure) || !timeoutChosenByClient(node, request.options, request.configSource)) return false;
  const ownCircuit = request.configSource === 'request' && target.apiKey !== undefined;
  return !ownCircuit;
}

/** The model a target is asked for: its `override_params` model, else the request's. */
function requestedModel(target: TargetOptions, request: GatewayRequest): string | null {
  const model = target.overrideParams?.model ?? request.json?.model;
  return typeof model === 'string' ? model : null;
}

function failedAttempt(record: RecordDraft, attempt: AttemptRecordV1, failure: GatewayError): void {
  attempt.outcome = 'error';
  attempt.status = failure.status;
  record.endAttempt(attempt);
  attempt.error = failure.message;
}

export async function runLeaf(node: ConfigTarget, path: string, request: GatewayRequest, dependencies: StrategyDependencies, trace: ExecutionTrace): Promise<Answer> {
  trace.optionPath = path;
  trace.retryAttempts = 0;
  const target = toTargetOptions(node, request.options, request.configSource);
  const key = leafKey(target, node.name);
  const breaker = dependencies.circuitBreaker;
  const maxRetries = node.retry?.attempts ?? 0;
  const retryStatuses = node.retry?.on_status_codes ?? defaultRetryStatusCodes;

  // Guardrails: input hooks once for this target (a deny never calls it), output hooks on each answer.
  const guardrails = dependencies.guardrails;
  const hooks = guardrails ? hooksOf(node) : undefined;
  let leafRequest = request;
  let before: Awaited<ReturnType<typeof runInputHooks>>['results'] = [];
  if (hooks && guardrails && (hooks.before.length > 0 || hooks.after.length > 0)) {
    refuseStreamedRewrite(hooks, request, guardrails.guardrails);
    ({ request: leafRequest, results: before } = await runInputHooks(hooks, request, target, guardrails));
  }
  const guarded = hooks !== undefined && guardrails !== undefined && (hooks.before.length > 0 || hooks.after.length > 0);

  const limit = dependencies.maxAttemptsPerRequest;
  const record = request.record;
  const model = record ? requestedModel(target, request) : null;
  let lastFailure: GatewayError | undefined;
  for (let retry = 0; ; retry += 1) {
    if (trace.upstreamAttempts >= limit) throw lastFailure ?? attemptLimitError(limit);
    if (breaker?.check(key) === 'open') {
      record?.skipped(path, target.provider, model);
      throw new GatewayError(`Target ${path} (${target.provider}) is skipped for now: it failed repeatedly and its circuit is open.`, { status: 503, code: 'circuit_open' });
    }
    const started = Date.now();
    trace.upstreamAttempts += 1;
    const attempt = record?.beginAttempt(path, target, model);
    try {
      const answer = await callTarget(leafRequest, target, dependencies);
      breaker?.recordSuccess(key);
      dependencies.latency.record(key, Date.now() - started, false);
      if (record && attempt) {
        attempt.status = answer.status;
        record.endAttempt(attempt);
      }
      return guarded ? await checkAnswer(answer, hooks!, leafRequest, target, before, guardrails!) : answer;
    } catch (error) {
      const failure = toGatewayError(error);
      lastFailure = failure;
      if (record && attempt) failedAttempt(record, attempt, failure);
      if (isClientCaused(failure, node, target, request)) {
        breaker?.release(key);
      } else if (isHealthFailure(failure)) {
        breaker?.recordFailure(key);
        dependencies.latency.record(key, Date.now() - started, true);
      } else {
        // The target answered (e.g. a 400): it is up, whatever the request's problem.
        breaker?.recordSuccess(key);
      }
      if (request.signal.aborted || retry >= maxRetries || !retryStatuses.includes(failure.status) || trace.upstreamAttempts >= limit) throw failure;
      const requested = upstreamRetryAfter(failure.upstreamHeaders);
      if (requested !== undefined && requested > dependencies.retryTiming.maxRetryAfterMs) throw failure;
      if (attempt) attempt.outcome = 'retry';
      await sleep(requested ?? backoffDelay(retry, dependencies.retryTiming, dependencies.random), request.signal);
      trace.retryAttempts = retry + 1;
    }
  }
}
