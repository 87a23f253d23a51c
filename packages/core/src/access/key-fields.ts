/**
 * The body of `POST /admin/keys` and `PATCH /admin/keys/{id}` (and the CLI's flags, which build
 * the same body): each field checked by hand, so a mistake answers 400 naming the field, and an
 * unknown field (a misspelt `alowed_models`) is refused rather than ignored.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { BudgetV1, GatewayKeyChangesV1, RateLimitsV1 } from '@ai-gateway/spec';
import { closestName } from '../closest-name.js';

/** A create body, checked: what the new key holds besides its id, secret and times. */
export interface NewKeyFields extends GatewayKeyChangesV1 {
  name: string;
}

/** A patch body, checked: `null` removes a field. */
export type KeyFieldChanges = { [Field in keyof GatewayKeyChangesV1]: GatewayKeyChangesV1[Field] | null };

const keyFields = ['name', 'allowed_providers', 'allowed_models', 'allowed_virtual_keys', 'allowed_configs', 'rate_limits', 'budget', 'expires_at', 'metadata'] as const;
const rateLimitFields = ['requests_per_minute', 'tokens_per_minute'] as const;
const budgetFields = ['usd', 'period'] as const;
const budgetPeriods = ['day', 'month', 'total'];
const maxListLength = 1_000;
const maxTextLength = 1_000;

/** A 400 naming `param`. */
export function bad(message: string, param: string, code = 'invalid_key_field'): never {
  throw invalidRequest(message, param, code);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A 400 naming the first field of `value` that is not `known` (with a "did you mean"). */
export function refuseUnknown(value: Record<string, unknown>, known: readonly string[], path: string): void {
  const unknown = Object.keys(value).filter((field) => !known.includes(field));
  if (unknown.length === 0) return;
  const first = unknown[0];
  const guess = closestName(first, known);
  const names = unknown.map((field) => `'${path}${field}'`).join(', ');
  bad(`Unknown field${unknown.length > 1 ? 's' : ''} ${names}${guess ? ` (did you mean '${path}${guess}'?)` : ''}. Known: ${known.join(', ')}.`, `${path}${first}`);
}

/** A non-empty string of at most 1,000 characters, or a 400 naming `field`. */
export function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxTextLength) bad(`'${field}' must be a non-empty string of at most ${maxTextLength} characters.`, field);
  return value;
}

function textList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length > maxListLength) bad(`'${field}' must be a list of strings.`, field);
  return value.map((item, index) => text(item, `${field}[${index}]`));
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) bad(`'${field}' must be a whole number above 0.`, field);
  return value;
}

function rateLimits(value: unknown): RateLimitsV1 {
  if (!isObject(value)) bad("'rate_limits' must be an object: { \"requests_per_minute\", \"tokens_per_minute\" }.", 'rate_limits');
  refuseUnknown(value, rateLimitFields, 'rate_limits.');
  const limits: RateLimitsV1 = {};
  for (const field of rateLimitFields) {
    if (value[field] !== undefined) limits[field] = positiveInteger(value[field], `rate_limits.${field}`);
  }
  return limits;
}

function budget(value: unknown): BudgetV1 {
  if (!isObject(value)) bad('\'budget\' must be an object: { "usd": 10, "period": "day" | "month" | "total" }.', 'budget');
  refuseUnknown(value, budgetFields, 'budget.');
  const usd = value.usd;
  if (typeof usd !== 'number' || !Number.isFinite(usd) || usd <= 0 || usd > 1e9) bad("'budget.usd' must be an amount of US dollars above 0.", 'budget.usd');
  if (typeof value.period !== 'string' || !budgetPeriods.includes(value.period)) bad(`'budget.period' must be one of ${budgetPeriods.join(', ')}.`, 'budget.period');
  return { usd, period: value.period as BudgetV1['period'] };
}

function time(value: unknown, field: string): string {
  const milliseconds = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(milliseconds)) bad(`'${field}' must be an ISO 8601 time (2030-01-31T00:00:00Z).`, field);
  return new Date(milliseconds).toISOString();
}

function metadata(value: unknown): Record<string, string> {
  if (!isObject(value)) bad("'metadata' must be an object of strings.", 'metadata');
  const checked: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string' || item.length > maxTextLength) bad(`'metadata.${name}' must be a string of at most ${maxTextLength} characters.`, `metadata.${name}`);
    checked[name] = item;
  }
  return checked;
}

const checkers: { [Field in keyof GatewayKeyChangesV1]-?: (value: unknown) => GatewayKeyChangesV1[Field] } = {
  name: (value) => text(value, 'name'),
  allowed_providers: (value) => textList(value, 'allowed_providers'),
  allowed_models: (value) => textList(value, 'allowed_models'),
  allowed_virtual_keys: (value) => textList(value, 'allowed_virtual_keys'),
  allowed_configs: (value) => textList(value, 'allowed_configs'),
  rate_limits: rateLimits,
  budget,
  expires_at: (value) => time(value, 'expires_at'),
  metadata,
};

function bodyObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) bad('The body must be a JSON object of key fields.', 'body');
  refuseUnknown(body, keyFields, '');
  return body;
}

/** Checks a create body: `name` is required, every other field optional. */
export function parseNewKey(body: unknown): NewKeyFields {
  const value = bodyObject(body);
  if (value.name === undefined) bad("'name' is required: a name that says whose key it is.", 'name');
  const fields: Record<string, unknown> = {};
  for (const field of keyFields) {
    if (value[field] !== undefined && value[field] !== null) fields[field] = checkers[field](value[field]);
  }
  return fields as unknown as NewKeyFields;
}

/** Checks a patch body: each field given is checked; `null` removes it (but a key keeps its name). */
export function parseKeyChanges(body: unknown): KeyFieldChanges {
  const value = bodyObject(body);
  const changes: Record<string, unknown> = {};
  for (const field of keyFields) {
    if (value[field] === undefined) continue;
    if (value[field] === null && field === 'name') bad("'name' cannot be removed.", 'name');
    changes[field] = value[field] === null ? null : checkers[field](value[field]);
  }
  if (Object.keys(changes).length === 0) bad(`Nothing to change: give at least one of ${keyFields.join(', ')}.`, 'body');
  return changes as KeyFieldChanges;
}
