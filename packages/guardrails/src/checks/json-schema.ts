/**
 * `default.jsonSchema` (`schema`, `not`): passes when JSON found in the text (json-in-text.ts)
 * validates against the schema; of several values found, one valid is enough.
 *
 * The validator is @cfworker/json-schema, as in Portkey's gateway: an interpreter, where Ajv and
 * its kin generate code, which Workers forbid. The draft is 2020-12 (Portkey's) unless the schema's
 * `$schema` names draft-04, -06/-07 or 2019-09. Its regular expressions run on RE2 instead of
 * JavaScript's backtracking engine (schema-regex.ts). A schema is checked when the config is read:
 * an object, patterns RE2 accepts, every `$ref` resolving inside the schema (nothing is fetched).
 */
import { dereference, type OutputUnit, type SchemaDraft, validate as validateInstance, type ValidationResult } from '@cfworker/json-schema';
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean } from '../parameters.js';
import { findJson, isJsonObject, type JsonCandidate } from './json-in-text.js';
import { compileLinear, newRegexBudget } from './linear-regex.js';
import { applyNot } from './not-parameter.js';
import { collectPropertyNames, forEachSubschema, patternFormatPrefix, withLinearPatterns, withRegexBudget } from './schema-regex.js';

const maxSchemaDepth = 64;
const maxSubschemas = 5_000;
/** `uniqueItems` compares every pair of items: 2,000 items is two million comparisons at most. */
const maxUniqueItems = 2_000;
const maxReportedErrors = 10;

function draftOf(schema: Record<string, unknown>): SchemaDraft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('draft-04')) return '4';
  if (declared.includes('draft-06') || declared.includes('draft-07')) return '7';
  if (declared.includes('2019-09')) return '2019-09';
  return '2020-12';
}

function patternProblems(subschema: Record<string, unknown>, pointer: string): string | undefined {
  if ('pattern' in subschema) {
    if (typeof subschema.pattern !== 'string') return `'schema' at #${pointer}: 'pattern' must be a string.`;
    const compiled = compileLinear(subschema.pattern);
    if (typeof compiled === 'string') return `'schema' at #${pointer}: 'pattern' ${compiled}`;
  }
  if ('patternProperties' in subschema) {
    if (!isJsonObject(subschema.patternProperties)) return `'schema' at #${pointer}: 'patternProperties' must be an object.`;
    for (const pattern of Object.keys(subschema.patternProperties)) {
      const compiled = compileLinear(pattern);
      if (typeof compiled === 'string') return `'schema' at #${pointer}: 'patternProperties' key '${pattern.slice(0, 100)}' ${compiled}`;
    }
  }
  return undefined;
}

function schemaProblem(schema: unknown): string | undefined {
  if (schema === undefined) return `'schema' is required: a JSON Schema object.`;
  if (!isJsonObject(schema)) return `'schema' must be a JSON Schema object.`;
  let problem: string | undefined;
  let subschemas = 0;
  forEachSubschema(schema, (subschema, pointer, depth) => {
    if (problem) return false;
    if (depth > maxSchemaDepth) problem = `'schema' nests deeper than ${maxSchemaDepth} levels at #${pointer}.`;
    else if (++subschemas > maxSubschemas) problem = `'schema' has more than ${maxSubschemas} subschemas.`;
    else problem = patternProblems(subschema, pointer);
    return problem === undefined;
  });
  if (problem) return problem;
  const copy = structuredClone(schema);
  let lookup: Record<string, unknown>;
  try {
    lookup = dereference(copy);
  } catch (error) {
    return `'schema' ${(error as Error).message}`;
  }
  forEachSubschema(copy, (subschema) => {
    if (problem || typeof subschema.$ref !== 'string') return problem === undefined;
    const reference = (subschema.__absolute_ref__ as string | undefined) ?? subschema.$ref;
    if (lookup[reference] === undefined) problem = `'schema' $ref '${subschema.$ref}' does not resolve inside the schema (references are never fetched).`;
    return problem === undefined;
  });
  return problem;
}

function usesKeyword(schema: Record<string, unknown>, keyword: string): boolean {
  let found = false;
  forEachSubschema(schema, (subschema) => {
    found ||= subschema[keyword] !== undefined;
    return !found;
  });
  return found;
}

function longestArray(value: unknown): number {
  let longest = 0;
  const items = Array.isArray(value) ? value : isJsonObject(value) ? Object.values(value) : [];
  if (Array.isArray(value)) longest = value.length;
  for (const item of items) longest = Math.max(longest, longestArray(item));
  return longest;
}

/** Errors that only say an error was found below them. */
const wrapperError = /^(?:A subschema had errors\.|Property ".*" does not match schema\.|Items did not match schema\.|Instance does not match every subschema\.)$/;
const numberKeywords = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

/** The errors a user can act on, in the schema's own words, without the answer's values. */
function describeErrors(errors: readonly OutputUnit[], renamed: ReadonlyMap<string, string>): { path: string; message: string }[] {
  const described = errors
    .filter((error) => !wrapperError.test(error.error))
    .map((error) => {
      // The validator starts these with the number it read ("42 is greater than 10.").
      let message = numberKeywords.has(error.keyword) ? error.error.replace(/^\S+/, 'The number') : error.error;
      if (error.keyword === 'format' && message.includes(patternFormatPrefix)) {
        message = `String does not match pattern ${JSON.stringify(message.slice(message.indexOf(patternFormatPrefix) + patternFormatPrefix.length, message.lastIndexOf('"')))}.`;
      }
      for (const [key, pattern] of renamed) message = message.replace(key, pattern);
      return { path: error.instanceLocation, message };
    });
  return described.slice(0, maxReportedErrors);
}

function validateCandidates(schema: Record<string, unknown>, candidates: readonly JsonCandidate[]): { matched: number; first: ValidationResult; renamed: Map<string, string> } {
  if (usesKeyword(schema, 'uniqueItems')) {
    const longest = candidates.reduce((most, candidate) => Math.max(most, longestArray(candidate.value)), 0);
    if (longest > maxUniqueItems) throw new Error(`The JSON has an array of ${longest} items, too long to check 'uniqueItems' (at most ${maxUniqueItems}).`);
  }
  const budget = newRegexBudget();
  const renamed = new Map<string, string>();
  const propertyNames = new Set<string>();
  if (usesKeyword(schema, 'patternProperties')) for (const candidate of candidates) collectPropertyNames(candidate.value, propertyNames);
  const prepared = withLinearPatterns(schema, propertyNames, budget, renamed);
  const draft = draftOf(schema);
  const lookup = dereference(prepared);
  return withRegexBudget(budget, () => {
    let first: ValidationResult | undefined;
    for (const [index, candidate] of candidates.entries()) {
      const result = validateInstance(candidate.value, prepared, draft, lookup, false);
      if (result.valid) return { matched: index, first: first ?? result, renamed };
      first ??= result;
    }
    return { matched: -1, first: first!, renamed };
  });
}

export const jsonSchema: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.jsonSchema',
  validate(parameters) {
    return firstProblem(onlyKnown(parameters, ['schema', 'not']), optionalBoolean(parameters, 'not'), schemaProblem(parameters.schema));
  },
  run(context, parameters: Readonly<JsonObject>) {
    const not = parameters.not === true;
    const candidates = findJson(context.text);
    if (candidates.length === 0) return { verdict: applyNot(false, parameters), data: { not, valid: false, jsonFound: 0, explanation: 'No JSON found in the text.' } };
    const { matched, first, renamed } = validateCandidates(parameters.schema as Record<string, unknown>, candidates);
    const valid = matched >= 0;
    // The JSON itself is not echoed: hook results reach the client, even of an answer denied.
    return {
      verdict: applyNot(valid, parameters),
      data: { not, valid, jsonFound: candidates.length, source: candidates[valid ? matched : 0].source, errors: valid ? [] : describeErrors(first.errors, renamed) },
    };
  },
};
