/**
 * The checks a gateway knows, by id, and the config-time validation of every hook of a config:
 * unknown check ids, bad parameters, a check on the wrong side, a non-mutator in a mutator hook and
 * a callout URL the custom-host policy refuses are each a 400 naming the field, before any request runs.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import type { ConfigTarget } from '../config/schema.js';
import { hooksOf, type HookSpec } from './hook-spec.js';

/** Whether a check may rewrite text with these parameters (the contract's `mutates`). */
export function mayRewrite(check: GuardrailCheckV1 | undefined, parameters: JsonObject): boolean {
  const mutates = check?.mutates;
  return typeof mutates === 'function' ? mutates(parameters) : mutates === true;
}

export interface GuardrailRegistry {
  get(id: string): GuardrailCheckV1 | undefined;
  ids(): string[];
}

export function createGuardrailRegistry(checks: readonly GuardrailCheckV1[]): GuardrailRegistry {
  const byId = new Map<string, GuardrailCheckV1>();
  for (const check of checks) {
    if (!/^[a-z0-9_-]+\.[A-Za-z0-9_-]+$/i.test(check.id)) throw new Error(`[ai-gateway] guardrail check id '${check.id}' must be '<namespace>.<name>'`);
    if (byId.has(check.id)) throw new Error(`[ai-gateway] two guardrail checks have the id '${check.id}'`);
    byId.set(check.id, check);
  }
  return { get: (id) => byId.get(id), ids: () => [...byId.keys()] };
}

/** Parameters that name a URL a check calls: vetted like a custom host when the config is read. */
const calloutParameters = ['webhookURL', 'logURL', 'url'];

function checkHook(hook: HookSpec, registry: GuardrailRegistry, checkCustomHost: (url: string) => string): void {
  for (const spec of hook.checks) {
    const check = registry.get(spec.id);
    if (!check) {
      throw invalidRequest(`Invalid config: '${spec.field}': unknown guardrail check '${spec.id}'. Known checks: ${registry.ids().join(', ') || 'none'}.`, spec.field, 'invalid_config');
    }
    if (check.events && !check.events.includes(hook.event)) {
      throw invalidRequest(`Invalid config: '${spec.field}': ${spec.id} runs only as ${check.events.map((event) => (event === 'beforeRequestHook' ? 'an input' : 'an output')).join(' or ')} check.`, spec.field, 'invalid_config');
    }
    if (hook.type === 'mutator' && !mayRewrite(check, spec.parameters)) {
      throw invalidRequest(`Invalid config: '${spec.field}': ${spec.id} does not rewrite text, so it cannot be a mutator's check.`, spec.field, 'invalid_config');
    }
    const problem = check.validate?.(spec.parameters);
    if (problem) throw invalidRequest(`Invalid config: '${spec.field}': ${spec.id}: ${problem}`, spec.field, 'invalid_config');
    for (const name of calloutParameters) {
      const url = spec.parameters[name];
      if (typeof url !== 'string') continue;
      try {
        checkCustomHost(url);
      } catch (error) {
        throw invalidRequest(`Invalid config: '${spec.field}.${name}': ${error instanceof Error ? error.message : 'the URL is not allowed.'}`, `${spec.field}.${name}`, 'invalid_config');
      }
    }
  }
}

const checkedConfigs = new WeakSet<object>();

/** Validates every hook of a config tree once per config object (configs are parsed once and shared). */
export function checkConfigHooks(config: ConfigTarget, registry: GuardrailRegistry, checkCustomHost: (url: string) => string): void {
  if (checkedConfigs.has(config)) return;
  const walk = (node: ConfigTarget, path: string) => {
    const hooks = hooksOf(node, path);
    for (const hook of [...hooks.before, ...hooks.after]) checkHook(hook, registry, checkCustomHost);
    for (const [index, child] of (node.targets ?? []).entries()) walk(child, `${path ? `${path}.` : ''}targets[${index}]`);
  };
  walk(config, '');
  checkedConfigs.add(config);
}
