/**
 * Choosing one child of a `loadbalance` or `conditional` node.
 */
import type { ConfigTarget } from '../config/schema.js';
import { invalidRequest } from '@ai-gateway/provider-utils';
import { matchesQuery, type QueryContext, type RegexBudget } from '../config/conditions.js';
import { healthScore, type LatencyTracker } from './latency-tracker.js';

/** Weighted random choice; weight defaults to 1. All-zero weights are a config error, not a hang. */
export function pickWeighted(children: readonly ConfigTarget[], random: () => number, eligible: (index: number) => boolean = () => true): number {
  const weights = children.map((child, index) => (eligible(index) ? (child.weight ?? 1) : 0));
  let total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) {
    // Every eligible target is excluded (e.g. circuits open): choose among all by weight instead.
    weights.splice(0, weights.length, ...children.map((child) => child.weight ?? 1));
    total = weights.reduce((sum, weight) => sum + weight, 0);
  }
  if (total <= 0) {
    throw invalidRequest('Invalid config: a loadbalance strategy needs at least one target with a weight above 0.', 'targets[].weight', 'invalid_config');
  }
  let point = random() * total;
  for (let index = 0; index < weights.length; index += 1) {
    point -= weights[index];
    if (point < 0 && weights[index] > 0) return index;
  }
  return weights.findLastIndex((weight) => weight > 0);
}

/** Share of latency-aware picks that explore by weight, so a recovering target gets measured again. */
const explorationRate = 0.1;
/** Samples a target needs before its score is trusted. */
const minimumSamples = 3;

/**
 * The latency-aware balancer: targets not yet measured are tried first, then the best
 * recent latency-and-error score wins, with a little weighted exploration.
 */
export function pickByLatency(children: readonly ConfigTarget[], keys: readonly string[], latency: LatencyTracker, random: () => number, eligible: (index: number) => boolean): number {
  const candidates = children.map((_child, index) => index).filter((index) => (children[index].weight ?? 1) > 0 && eligible(index));
  if (candidates.length === 0) return pickWeighted(children, random);
  const unmeasured = candidates.filter((index) => (latency.get(keys[index])?.samples ?? 0) < minimumSamples);
  if (unmeasured.length > 0) return unmeasured[Math.floor(random() * unmeasured.length)];
  if (random() < explorationRate) return pickWeighted(children, random, eligible);
  let best = candidates[0];
  for (const index of candidates) {
    if (healthScore(latency.get(keys[index])!) < healthScore(latency.get(keys[best])!)) best = index;
  }
  return best;
}

/** The child a `conditional` node routes to: the first matching condition's `then`, else `default`. */
export function pickConditional(node: ConfigTarget, context: QueryContext, budget: RegexBudget): number {
  const strategy = node.strategy!;
  const children = node.targets ?? [];
  const matched = strategy.conditions?.find((condition) => matchesQuery(condition.query, context, budget));
  const name = matched?.then ?? strategy.default;
  if (name === undefined) {
    throw invalidRequest('No routing condition matched this request and the conditional strategy has no default.', 'strategy.default', 'no_condition_matched');
  }
  const index = children.findIndex((child) => child.name === name);
  if (index === -1) {
    throw invalidRequest(`Invalid config: the conditional strategy routes to '${name}', but no target has that name.`, 'strategy.conditions', 'invalid_config');
  }
  return index;
}
