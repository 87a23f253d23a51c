import * as v from 'valibot';
import { invalidRequest } from '@ai-gateway/provider-utils';
import { checkQueryPatterns } from './conditions.js';
import { targetSchema, type Config, type ConfigTarget } from './schema.js';
import { refuseUnsupportedFields } from './unsupported-fields.js';
import { checkNestingDepth, configDepthLimit } from '../security/nesting-depth.js';

/** `targets.0.weight` -> `targets[0].weight`, the way a person writes the path into their JSON. */
function formatPath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  }
  return path;
}

/** Validates a config value, throwing a 400 that names the offending field. */
export function validateConfig(value: unknown, source = 'config'): Config {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`Invalid ${source}: expected a JSON object.`, source, 'invalid_config');
  }
  // Before the schema, whose validation (like every later use of the config) recurses.
  checkNestingDepth(value, configDepthLimit, `Invalid ${source}: it`, source);
  const result = v.safeParse(targetSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    const field = formatPath(issue) || source;
    throw invalidRequest(`Invalid ${source}: '${field}': ${issue.message}.`, field, 'invalid_config');
  }
  refuseUnsupportedFields(result.output, source);
  checkPatterns(result.output);
  return result.output;
}

/** Every `$regex` of every conditional node compiles within the limits (strategy/conditions.ts). */
function checkPatterns(node: ConfigTarget): void {
  for (const condition of node.strategy?.conditions ?? []) checkQueryPatterns(condition.query);
  for (const child of node.targets ?? []) checkPatterns(child);
}

/**
 * Clients send the same config header with every request: parsing and validating it once per
 * distinct string keeps that work off the hot path. Bounded, so varied configs cannot grow it.
 */
const parsedConfigs = new Map<string, Config>();
const parsedConfigLimit = 256;

/** Parses the `x-portkey-config` header (JSON). The result is shared between requests: never mutate it. */
export function parseConfigHeader(header: string): Config {
  const cached = parsedConfigs.get(header);
  if (cached) return cached;
  const config = parseConfigText(header);
  if (parsedConfigs.size >= parsedConfigLimit) parsedConfigs.delete(parsedConfigs.keys().next().value!);
  parsedConfigs.set(header, config);
  return config;
}

function parseConfigText(header: string): Config {
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    throw invalidRequest('Invalid x-portkey-config header: it is not valid JSON.', 'x-portkey-config', 'invalid_config');
  }
  return validateConfig(value);
}
