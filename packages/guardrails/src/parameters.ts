/**
 * Readers for a check's parameters, shared by every check's `validate`: each answers a message
 * naming the parameter when it is wrong, so a bad config is a 400 when it is read, not a surprise
 * at the first request.
 */
import type { JsonObject } from '@ai-gateway/spec';

/** The first problem among `problems`, or undefined when there is none. */
export function firstProblem(...problems: (string | undefined)[]): string | undefined {
  return problems.find((problem) => problem !== undefined);
}

export function requireString(parameters: Readonly<JsonObject>, name: string): string | undefined {
  return typeof parameters[name] === 'string' && parameters[name] !== '' ? undefined : `'${name}' must be a non-empty string.`;
}

export function optionalString(parameters: Readonly<JsonObject>, name: string): string | undefined {
  return parameters[name] === undefined || typeof parameters[name] === 'string' ? undefined : `'${name}' must be a string.`;
}

export function optionalBoolean(parameters: Readonly<JsonObject>, name: string): string | undefined {
  return parameters[name] === undefined || typeof parameters[name] === 'boolean' ? undefined : `'${name}' must be true or false.`;
}

/** A whole number at least `minimum` (0 by default), when given; `required` makes it mandatory. */
export function wholeNumber(parameters: Readonly<JsonObject>, name: string, options: { required?: boolean; minimum?: number } = {}): string | undefined {
  const value = parameters[name];
  if (value === undefined) return options.required ? `'${name}' is required.` : undefined;
  const minimum = options.minimum ?? 0;
  return Number.isInteger(value) && (value as number) >= minimum ? undefined : `'${name}' must be a whole number of at least ${minimum}.`;
}

/** A non-empty list of non-empty strings, when given; `required` makes it mandatory. */
export function stringList(parameters: Readonly<JsonObject>, name: string, options: { required?: boolean } = {}): string | undefined {
  const value = parameters[name];
  if (value === undefined) return options.required ? `'${name}' is required: a list of strings.` : undefined;
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '') ? undefined : `'${name}' must be a non-empty list of non-empty strings.`;
}

export function oneOf(parameters: Readonly<JsonObject>, name: string, allowed: readonly string[], options: { required?: boolean } = {}): string | undefined {
  const value = parameters[name];
  if (value === undefined) return options.required ? `'${name}' is required: one of ${allowed.join(', ')}.` : undefined;
  return typeof value === 'string' && allowed.includes(value) ? undefined : `'${name}' must be one of ${allowed.join(', ')}.`;
}

/** Parameters a check does not read are refused, so a misspelt one is not silently ignored. */
export function onlyKnown(parameters: Readonly<JsonObject>, known: readonly string[]): string | undefined {
  const unknown = Object.keys(parameters).filter((name) => !known.includes(name));
  return unknown.length === 0 ? undefined : `unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `'${name}'`).join(', ')}; this check takes ${known.length > 0 ? known.map((name) => `'${name}'`).join(', ') : 'none'}.`;
}

/**
 * An inclusive range of whole numbers read from two parameters (`minWords` / `maxWords` ...):
 * each optional, at least one given, the minimum not above the maximum.
 */
export function wholeNumberRange(parameters: Readonly<JsonObject>, minimumName: string, maximumName: string): string | undefined {
  const problem = firstProblem(wholeNumber(parameters, minimumName), wholeNumber(parameters, maximumName));
  if (problem) return problem;
  const minimum = parameters[minimumName] as number | undefined;
  const maximum = parameters[maximumName] as number | undefined;
  if (minimum === undefined && maximum === undefined) return `'${minimumName}' or '${maximumName}' is required: a whole number.`;
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) return `'${minimumName}' (${minimum}) must not be above '${maximumName}' (${maximum}).`;
  return undefined;
}

/** A whole number from `minimum` to `maximum`, when given. */
export function wholeNumberBetween(parameters: Readonly<JsonObject>, name: string, minimum: number, maximum: number): string | undefined {
  const value = parameters[name];
  if (value === undefined) return undefined;
  return Number.isInteger(value) && (value as number) >= minimum && (value as number) <= maximum ? undefined : `'${name}' must be a whole number from ${minimum} to ${maximum}.`;
}

/** A number from `minimum` to `maximum` (fractions allowed), when given. */
export function numberBetween(parameters: Readonly<JsonObject>, name: string, minimum: number, maximum: number): string | undefined {
  const value = parameters[name];
  if (value === undefined) return undefined;
  return typeof value === 'number' && value >= minimum && value <= maximum ? undefined : `'${name}' must be a number from ${minimum} to ${maximum}.`;
}

/** A non-empty list of names out of `allowed`, when given. */
export function listOf(parameters: Readonly<JsonObject>, name: string, allowed: readonly string[]): string | undefined {
  const value = parameters[name];
  if (value === undefined) return undefined;
  const problem = `'${name}' must be a non-empty list out of ${allowed.join(', ')}.`;
  if (!Array.isArray(value) || value.length === 0) return problem;
  const unknown = value.filter((item) => typeof item !== 'string' || !allowed.includes(item));
  return unknown.length === 0 ? undefined : `${problem} Unknown: ${unknown.map((item) => JSON.stringify(item)).join(', ')}.`;
}

/**
 * A list of strings, or one string of comma-separated names, when given (Portkey's configs use
 * both). An empty list is allowed: it means the same as leaving the parameter out.
 */
export function namesList(parameters: Readonly<JsonObject>, name: string): string | undefined {
  const value = parameters[name];
  if (value === undefined || typeof value === 'string') return undefined;
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : `'${name}' must be a list of strings or a comma-separated string.`;
}

/** The names of a parameter `namesList` accepted: trimmed, empty ones dropped. */
export function readNames(value: unknown): string[] {
  const names = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return names.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter((item) => item !== '');
}

/** An absolute http(s) URL. */
export function httpUrl(parameters: Readonly<JsonObject>, name: string, options: { required?: boolean } = {}): string | undefined {
  const value = parameters[name];
  if (value === undefined) return options.required ? `'${name}' is required: an http(s) URL.` : undefined;
  if (typeof value !== 'string' || !URL.canParse(value)) return `'${name}' must be an absolute http(s) URL.`;
  const protocol = new URL(value).protocol;
  return protocol === 'http:' || protocol === 'https:' ? undefined : `'${name}' must be an http(s) URL, not ${protocol}.`;
}

/**
 * Request headers: an object of string values, or that object as a JSON string (Portkey's UI
 * stores it so). Undefined when the value is neither, or a name or value is not a valid header.
 */
export function readHeaders(value: unknown): Headers | undefined {
  let record: unknown = value;
  if (typeof value === 'string') {
    try {
      record = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  if (!Object.values(record).every((item) => typeof item === 'string')) return undefined;
  try {
    return new Headers(record as Record<string, string>);
  } catch {
    return undefined;
  }
}

export function headersParameter(parameters: Readonly<JsonObject>, name: string): string | undefined {
  if (parameters[name] === undefined) return undefined;
  return readHeaders(parameters[name]) ? undefined : `'${name}' must be an object of header names to string values (or that object as a JSON string), with valid header names and values.`;
}
