/**
 * JSON Schema's regular expressions (`pattern`, `patternProperties`) on RE2, for
 * `default.jsonSchema`. @cfworker/json-schema runs them with JavaScript's backtracking `RegExp`, and
 * a schema may come from a request's config header: `{"pattern": "(a+)+$"}` and an answer the
 * client asked the model to write would hold the event loop. So before the validator sees a schema,
 * a copy of it is rewritten:
 *
 * - `pattern: P` becomes `format: "ai-gateway-re2:P"`, a format registered on the validator's
 *   format table that matches with RE2 within the run's work budget (linear-regex.ts); a schema
 *   that also has a `format` gets the new one in an added `allOf` entry.
 * - each `patternProperties` key P becomes an anchored alternation of the instance's property names
 *   that RE2 finds P in, escaped (`^(?:id|name)$`): JavaScript matches such a pattern in linear time,
 *   and it selects exactly the properties P would.
 *
 * Subschemas are found the way the validator's own `dereference` walks a schema, so every schema
 * it may validate against, through `$ref` included, is rewritten.
 */
import { format, ignoredKeyword, schemaArrayKeyword, schemaMapKeyword } from '@cfworker/json-schema';
import type { RE2JS } from 're2js';
import { chargeRegexWork, compileLinear, type RegexBudget } from './linear-regex.js';
import { isJsonObject } from './json-in-text.js';

type SchemaObject = Record<string, unknown>;

export const patternFormatPrefix = 'ai-gateway-re2:';
const maxRegisteredFormats = 1_000;
let registeredFormats = 0;
/** The budget of the validation running now: validation is synchronous, so one at a time. */
let activeBudget: RegexBudget | undefined;

function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Calls `visit` on every subschema object, with its JSON pointer and depth; a visit that answers
 * false stops the walk below that subschema.
 */
export function forEachSubschema(schema: unknown, visit: (subschema: SchemaObject, pointer: string, depth: number) => boolean | undefined, pointer = '', depth = 0): void {
  if (!isJsonObject(schema)) return;
  if (visit(schema, pointer, depth) === false) return;
  for (const [key, value] of Object.entries(schema)) {
    if (ignoredKeyword[key]) continue;
    const keyPointer = `${pointer}/${pointerSegment(key)}`;
    if (Array.isArray(value)) {
      if (schemaArrayKeyword[key]) for (const [index, item] of value.entries()) forEachSubschema(item, visit, `${keyPointer}/${index}`, depth + 1);
    } else if (schemaMapKeyword[key] && isJsonObject(value)) {
      for (const [name, item] of Object.entries(value)) forEachSubschema(item, visit, `${keyPointer}/${pointerSegment(name)}`, depth + 2);
    } else {
      forEachSubschema(value, visit, keyPointer, depth + 1);
    }
  }
}

function patternFormat(pattern: string, compiled: RE2JS): string {
  const name = patternFormatPrefix + pattern;
  if (format[name]) return name;
  if (registeredFormats >= maxRegisteredFormats) {
    for (const key of Object.keys(format)) if (key.startsWith(patternFormatPrefix)) delete format[key];
    registeredFormats = 0;
  }
  format[name] = (subject: string) => {
    if (activeBudget) chargeRegexWork(activeBudget, compiled, subject);
    return compiled.matcher(subject).find();
  };
  registeredFormats++;
  return name;
}

function escapeLiteral(text: string): string {
  // Only syntax characters: with the `u` flag the validator uses, any other escape is an error.
  return text.replace(/[\^$\\.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * A rewritten copy of `schema` (see above) for an instance whose objects have `propertyNames`.
 * `renamed` maps each rewritten `patternProperties` key back to the pattern it stands for.
 */
export function withLinearPatterns(schema: SchemaObject, propertyNames: ReadonlySet<string>, budget: RegexBudget, renamed: Map<string, string>): SchemaObject {
  const copy = structuredClone(schema);
  let rewrittenKeys = 0;
  forEachSubschema(copy, (subschema) => {
    if (typeof subschema.pattern === 'string') {
      const compiled = compileLinear(subschema.pattern);
      if (typeof compiled === 'string') throw new Error(`pattern ${compiled}`);
      const name = patternFormat(subschema.pattern, compiled);
      delete subschema.pattern;
      if (subschema.format === undefined) subschema.format = name;
      else subschema.allOf = [...(Array.isArray(subschema.allOf) ? subschema.allOf : []), { format: name }];
    }
    if (isJsonObject(subschema.patternProperties)) {
      const rewritten: SchemaObject = {};
      for (const [pattern, propertySchema] of Object.entries(subschema.patternProperties)) {
        const compiled = compileLinear(pattern);
        if (typeof compiled === 'string') throw new Error(`patternProperties key ${compiled}`);
        const names = [...propertyNames].filter((name) => {
          chargeRegexWork(budget, compiled, name);
          return compiled.matcher(name).find();
        });
        // A named group keeps two patterns that select the same names apart as keys.
        const key = `(?<p${rewrittenKeys++}>${names.length > 0 ? `^(?:${names.map(escapeLiteral).join('|')})$` : '(?!)'})`;
        renamed.set(key, pattern);
        rewritten[key] = propertySchema;
      }
      subschema.patternProperties = rewritten;
    }
    return true;
  });
  return copy;
}

/** Runs `validation` with `budget` charged by the RE2 formats it calls. */
export function withRegexBudget<T>(budget: RegexBudget, validation: () => T): T {
  activeBudget = budget;
  try {
    return validation();
  } finally {
    activeBudget = undefined;
  }
}

/** Every property name of every object in `value`, at any depth. */
export function collectPropertyNames(value: unknown, names: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectPropertyNames(item, names);
  } else if (isJsonObject(value)) {
    for (const [name, item] of Object.entries(value)) {
      names.add(name);
      collectPropertyNames(item, names);
    }
  }
  return names;
}
