/**
 * `default.modelRules`: the allowed models depend on the request's metadata. `rules.metadata` maps a
 * metadata key and value to model lists; the lists of every matching key and value are joined, and
 * `rules.defaults` applies when none matches. `not` turns the resolved list into a block list.
 * Portkey's check of the same id and parameters: https://portkey.ai/docs/integrations/guardrails/model-rules
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean } from '../parameters.js';
import { modelListed, requestedModel } from './model-whitelist.js';

interface Rules {
  defaults?: string[];
  metadata?: Record<string, Record<string, string[]>>;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rulesProblem(parameters: Readonly<JsonObject>): string | undefined {
  const rules = parameters.rules;
  if (rules === undefined) return "'rules' is required: { \"defaults\": [models], \"metadata\": { key: { value: [models] } } }.";
  if (!isObject(rules)) return "'rules' must be an object with 'defaults' and/or 'metadata'.";
  const unknown = Object.keys(rules).filter((key) => key !== 'defaults' && key !== 'metadata');
  if (unknown.length > 0) return `'rules' takes 'defaults' and 'metadata', not ${unknown.map((key) => `'${key}'`).join(', ')}.`;
  if (rules.defaults !== undefined && !isStringList(rules.defaults)) return "'rules.defaults' must be a list of model names.";
  if (rules.metadata !== undefined) {
    if (!isObject(rules.metadata)) return "'rules.metadata' must map metadata keys to { value: [models] }.";
    for (const [key, values] of Object.entries(rules.metadata)) {
      if (!isObject(values) || !Object.values(values).every(isStringList)) return `'rules.metadata.${key}' must map metadata values to lists of model names.`;
    }
  }
  if ((rules.defaults ?? []).length === 0 && rules.metadata === undefined) return "'rules' allows no model: give 'defaults' or 'metadata'.";
  return undefined;
}

export const modelRules: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.modelRules',
  validate: (parameters) => firstProblem(onlyKnown(parameters, ['rules', 'not']), rulesProblem(parameters), optionalBoolean(parameters, 'not')),
  run(context, parameters) {
    const model = requestedModel(context);
    const rules = parameters.rules as Rules;
    const not = parameters.not === true;
    const matchedRules: string[] = [];
    const resolved = new Set<string>();
    for (const [key, values] of Object.entries(rules.metadata ?? {})) {
      const value = context.metadata[key];
      const models = value === undefined ? undefined : values[value];
      if (!models) continue;
      matchedRules.push(`${key}:${value}`);
      for (const name of models) resolved.add(name);
    }
    const usedDefaults = matchedRules.length === 0;
    const allowed = usedDefaults ? (rules.defaults ?? []) : [...resolved];
    // A rule set that resolves to nothing is a config mistake, not a verdict on this request.
    if (allowed.length === 0) throw new Error('the rules resolve to no model for this request (no metadata rule matched and there are no defaults).');
    const listed = modelListed(allowed, model);
    const verdict = not ? !listed : listed;
    const explanation = `Model "${model}" is ${listed ? '' : 'not '}in the ${usedDefaults ? 'default list' : `list of the matched rules (${matchedRules.join(', ')})`}${not ? ', which names models not allowed' : ''}.`;
    return { verdict, data: { explanation, requestedModel: model, matchedRules, usedDefaults, not } };
  },
};
