/**
 * A config node's hooks, as Portkey's configs write them, read into one form. Four fields, at the
 * root or on any target (a child takes its parent's unless it sets its own, like every field):
 *
 * - `input_guardrails` / `output_guardrails`, the short form: a list of check ids, or of objects
 *   `{ "<check id>": {parameters}, ..., "deny": bool, "async": bool }` (each object one hook);
 * - `before_request_hooks` / `after_request_hooks`, the long form: `{ "type": "guardrail" |
 *   "mutator", "id", "checks": [{ "id", "parameters", "is_enabled" }], "deny", "async" }`.
 *
 * See docs/guardrails.md.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { GuardrailEventV1, JsonObject } from '@ai-gateway/spec';
import type { ConfigTarget } from '../config/schema.js';

export interface CheckSpec {
  id: string;
  /** The check's parameters, without `failOnError`, which is the engine's. */
  parameters: JsonObject;
  /** Portkey's per-check switch: `false` lets an answer through when the check itself fails (it is still reported); default fail closed. */
  failOnError: boolean;
  /** Where it is in the config, for 400s: `output_guardrails[0].default.contains`. */
  field: string;
}

/** Portkey's `on_success` / `on_fail` feedback: reported with the hook's verdict (and in the request log once it lands). */
export interface HookFeedback {
  value: number;
  weight: number;
  metadata: JsonObject;
}

export interface HookSpec {
  id: string;
  onSuccess?: HookFeedback;
  onFail?: HookFeedback;
  type: 'guardrail' | 'mutator';
  event: GuardrailEventV1;
  checks: CheckSpec[];
  deny: boolean;
  async: boolean;
  field: string;
}

export interface NodeHooks {
  before: HookSpec[];
  after: HookSpec[];
}

export const hookFields = ['input_guardrails', 'output_guardrails', 'before_request_hooks', 'after_request_hooks'] as const;

/** Fields of a hook object that are not check ids (short form) or are the hook's own (long form). */
const shortFormFlags = new Set(['deny', 'async', 'id', 'on_fail', 'on_success']);
const longFormFields = new Set(['type', 'id', 'checks', 'deny', 'async', 'name', 'on_fail', 'on_success']);

function refuse(message: string, field: string): never {
  throw invalidRequest(`Invalid config: '${field}': ${message}`, field, 'invalid_config');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flag(hook: JsonObject, name: 'deny' | 'async', field: string): boolean {
  const value = hook[name];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') refuse(`${name} must be true or false.`, `${field}.${name}`);
  return value;
}

/** A check as configs give it: Portkey's `failOnError` parameter belongs to the engine, not the check. */
function checkSpec(id: string, parameters: JsonObject | null | undefined, field: string): CheckSpec {
  const own: JsonObject = {};
  for (const [name, value] of Object.entries(parameters ?? {})) if (name !== 'failOnError') own[name] = value;
  const failOnError = parameters?.failOnError;
  if (failOnError !== undefined && typeof failOnError !== 'boolean') refuse('failOnError must be true or false.', `${field}.failOnError`);
  return { id, parameters: own, failOnError: failOnError !== false, field };
}

/** `on_fail` / `on_success`: `{ "feedback": { "value", "weight", "metadata" } }`. */
function feedbackOf(hook: JsonObject, name: 'on_fail' | 'on_success', field: string): HookFeedback | undefined {
  const action = hook[name];
  if (action === undefined) return undefined;
  const at = `${field}.${name}`;
  if (!isObject(action)) refuse('must be an object { "feedback": { "value", "weight", "metadata" } }.', at);
  for (const key of Object.keys(action)) if (key !== 'feedback') refuse(`'${key}' is not supported here; ${name} takes feedback.`, `${at}.${key}`);
  const feedback = action.feedback;
  if (feedback === undefined) return undefined;
  if (!isObject(feedback) || typeof feedback.value !== 'number') refuse('feedback needs a number value (and may have weight and metadata).', `${at}.feedback`);
  if (feedback.weight !== undefined && typeof feedback.weight !== 'number') refuse('weight must be a number.', `${at}.feedback.weight`);
  if (feedback.metadata !== undefined && !isObject(feedback.metadata)) refuse('metadata must be an object.', `${at}.feedback.metadata`);
  return { value: feedback.value, weight: (feedback.weight as number | undefined) ?? 1, metadata: (feedback.metadata as JsonObject | undefined) ?? {} };
}

function shortForm(item: unknown, event: GuardrailEventV1, field: string, index: number): HookSpec {
  const id = `${event === 'beforeRequestHook' ? 'input' : 'output'}_guardrail_${index}`;
  if (typeof item === 'string') return { id, type: 'guardrail', event, checks: [checkSpec(item, {}, field)], deny: false, async: false, field };
  if (!isObject(item)) refuse('each guardrail is a check id or an object { "<check id>": {parameters}, "deny": bool }.', field);
  const checks: CheckSpec[] = [];
  for (const [name, parameters] of Object.entries(item)) {
    if (shortFormFlags.has(name)) continue;
    if (parameters !== null && parameters !== undefined && !isObject(parameters)) refuse('a check\'s parameters must be an object.', `${field}.${name}`);
    checks.push(checkSpec(name, parameters as JsonObject | null, `${field}.${name}`));
  }
  if (checks.length === 0) refuse('a guardrail needs at least one check.', field);
  return {
    id: typeof item.id === 'string' ? item.id : id, type: 'guardrail', event, checks, deny: flag(item, 'deny', field), async: flag(item, 'async', field), field,
    onSuccess: feedbackOf(item, 'on_success', field), onFail: feedbackOf(item, 'on_fail', field),
  };
}

function longForm(item: unknown, event: GuardrailEventV1, field: string, index: number): HookSpec {
  if (!isObject(item)) refuse('each hook is an object { "type", "id", "checks", "deny", "async", "on_success", "on_fail" }.', field);
  for (const name of Object.keys(item)) {
    if (!longFormFields.has(name)) refuse(`'${name}' is not a hook field; a hook has type, id, name, checks, deny, async, on_success and on_fail.`, `${field}.${name}`);
  }
  const type = item.type ?? 'guardrail';
  if (type !== 'guardrail' && type !== 'mutator') refuse("type must be 'guardrail' or 'mutator'.", `${field}.type`);
  if (!Array.isArray(item.checks) || item.checks.length === 0) refuse('checks must be a non-empty list of { "id", "parameters" }.', `${field}.checks`);
  const checks: CheckSpec[] = [];
  item.checks.forEach((check: unknown, checkIndex) => {
    const checkField = `${field}.checks[${checkIndex}]`;
    if (!isObject(check) || typeof check.id !== 'string' || check.id === '') refuse('a check is { "id": "<namespace>.<name>", "parameters": {...} }.', checkField);
    if (check.parameters !== undefined && !isObject(check.parameters)) refuse('parameters must be an object.', `${checkField}.parameters`);
    if (check.is_enabled === false) return;
    checks.push(checkSpec(check.id, check.parameters as JsonObject | undefined, checkField));
  });
  const id = typeof item.id === 'string' && item.id !== '' ? item.id : `${event === 'beforeRequestHook' ? 'before' : 'after'}_request_hook_${index}`;
  return { id, type, event, checks, deny: flag(item, 'deny', field), async: flag(item, 'async', field), field, onSuccess: feedbackOf(item, 'on_success', field), onFail: feedbackOf(item, 'on_fail', field) };
}

type HookForm = (item: unknown, event: GuardrailEventV1, field: string, index: number) => HookSpec;

/** Each list is read once and kept: configs are parsed once per distinct header and shared, and a child inherits its parent's lists. */
const readLists = new WeakMap<unknown[], HookSpec[]>();

function hooksOfList(node: ConfigTarget, name: (typeof hookFields)[number], path: string, form: HookForm, event: GuardrailEventV1): HookSpec[] {
  const value = node[name];
  if (value === undefined) return [];
  const field = path ? `${path}.${name}` : name;
  if (!Array.isArray(value)) refuse('must be a list.', field);
  let hooks = readLists.get(value);
  if (!hooks) {
    hooks = value.map((item, index) => form(item, event, `${field}[${index}]`, index));
    readLists.set(value, hooks);
  }
  return hooks;
}

const noHooks: NodeHooks = { before: [], after: [] };

/** The hooks of one node; a 400 naming the field for a malformed hook. */
export function hooksOf(node: ConfigTarget, path = ''): NodeHooks {
  if (node.input_guardrails === undefined && node.output_guardrails === undefined && node.before_request_hooks === undefined && node.after_request_hooks === undefined) return noHooks;
  return {
    before: [...hooksOfList(node, 'input_guardrails', path, shortForm, 'beforeRequestHook'), ...hooksOfList(node, 'before_request_hooks', path, longForm, 'beforeRequestHook')],
    after: [...hooksOfList(node, 'output_guardrails', path, shortForm, 'afterRequestHook'), ...hooksOfList(node, 'after_request_hooks', path, longForm, 'afterRequestHook')],
  };
}
