/**
 * The strategy engine: walks a config tree (any depth) and makes the calls it describes.
 * Every decision happens before the first byte reaches the client: a call "succeeds" once its
 * response headers are in, and a failure after that is the stream guard's to report.
 */
import type { ConfigTarget } from '../config/schema.js';
import { GatewayError, toGatewayError } from '@ai-gateway/provider-utils';
import type { Answer } from '../upstream/answer.js';
import type { CallDependencies } from '../upstream/call-target.js';
import { inheritFrom } from '../config/inherit-target.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { LatencyTracker } from './latency-tracker.js';
import { pickByLatency, pickConditional, pickWeighted } from './pick-target.js';
import type { RetryTiming } from './retry-delay.js';
import { isAttemptLimit, nodeKey, runLeaf } from './run-leaf.js';
import { newRegexBudget, type RegexBudget } from '../config/conditions.js';
import type { GuardrailDependencies } from '../guardrails/leaf-hooks.js';

export interface StrategyDependencies extends CallDependencies {
  circuitBreaker?: CircuitBreaker;
  latency: LatencyTracker;
  retryTiming: RetryTiming;
  random: () => number;
  /** Most upstream calls one request may make, retries and fallbacks together (run-leaf.ts). */
  maxAttemptsPerRequest: number;
  /** The checks configs may name; without it, hooks in a config are refused (guardrails/). */
  guardrails?: GuardrailDependencies;
}

/** Where the answer came from; filled in as the engine goes, so error responses carry it too. */
export interface ExecutionTrace {
  optionPath: string;
  retryAttempts: number;
  /** Upstream calls made so far for this request, against `maxAttemptsPerRequest`. */
  upstreamAttempts: number;
}

type Run = (node: ConfigTarget, path: string) => Promise<Answer>;

/** Gateway-made failures (timeouts, refused connections, skipped circuits, unsupported endpoints) always fall back. */
function triggersFallback(error: GatewayError, onStatusCodes: readonly number[] | undefined): boolean {
  return error.source === 'gateway' || !onStatusCodes || onStatusCodes.includes(error.status);
}


/**
 * Not `async`, and neither is `run`: an async function that returns another's promise costs two
 * more turns of the microtask queue and a promise of its own at every level, on every request.
 * What a level may throw synchronously still reaches the caller as a rejection (see the end).
 */
export function executeConfig(root: ConfigTarget, request: GatewayRequest, dependencies: StrategyDependencies, trace: ExecutionTrace): Promise<Answer> {
  const isOpen = (child: ConfigTarget) => {
    if (child.targets || !dependencies.circuitBreaker) return false;
    const key = nodeKey(child, request);
    return key !== undefined && dependencies.circuitBreaker.check(key, { peek: true }) === 'open';
  };
  // One request's `$regex` conditions share one budget, however many conditional nodes it passes.
  let regexBudget: RegexBudget | undefined;
  const subtreeKey = (child: ConfigTarget, path: string) => (child.targets ? path : (nodeKey(child, request) ?? path));

  const runFallback = async (node: ConfigTarget, children: ConfigTarget[], childPath: (index: number) => string): Promise<Answer> => {
    let lastError: GatewayError | undefined;
    for (let index = 0; index < children.length; index += 1) {
      if (request.signal.aborted) break;
      try {
        return await run(children[index], childPath(index));
      } catch (error) {
        const failure = toGatewayError(error);
        // Out of attempts: the client hears what the last call that was made answered.
        if (isAttemptLimit(failure)) throw lastError ?? failure;
        lastError = failure;
        if (!triggersFallback(lastError, node.strategy?.on_status_codes)) throw lastError;
        if (index < children.length - 1) request.record?.fellBack();
      }
    }
    throw lastError ?? new GatewayError('The client went away.', { status: 499, code: 'client_closed_request' });
  };

  const run: Run = (node, path) => {
    const targets = node.targets;
    if (!targets || targets.length === 0) return runLeaf(node, path, request, dependencies, trace);
    const children = targets.map((child) => inheritFrom(node, child));
    const childPath = (index: number) => `${path}.targets[${index}]`;

    switch (node.strategy?.mode ?? 'single') {
      case 'single':
        return run(children[0], childPath(0));
      case 'conditional': {
        regexBudget ??= newRegexBudget();
        const index = pickConditional(node, { metadata: request.options.metadata, params: request.json ?? {} }, regexBudget);
        return run(children[index], childPath(index));
      }
      case 'loadbalance': {
        const eligible = (index: number) => !isOpen(children[index]);
        if (node.strategy?.balance === 'latency') {
          const keys = children.map((child, index) => subtreeKey(child, childPath(index)));
          const index = pickByLatency(children, keys, dependencies.latency, dependencies.random, eligible);
          return run(children[index], childPath(index));
        }
        const index = pickWeighted(children, dependencies.random, eligible);
        return run(children[index], childPath(index));
      }
      case 'fallback':
        return runFallback(node, children, childPath);
    }
  };

  try {
    return run(root, 'config');
  } catch (error) {
    return Promise.reject(error);
  }
}
