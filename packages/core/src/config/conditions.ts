/**
 * Conditional routing queries, Mongo-style as Portkey's configs write them:
 * `{"metadata.plan": {"$eq": "paid"}, "$or": [{"params.model": {"$in": ["a", "b"]}}, ...]}`.
 * Every key of a query must hold (siblings combine with AND, `$and`/`$or` included), and paths reach
 * any depth.
 *
 * `$regex` runs on RE2, linear in the subject, but linear with a large constant: the work is about
 * the pattern's program size times the subject's length (measured: `(?i)a{1,999}b`, 2000
 * instructions, took 4.5 s over 100,000 characters). So a pattern's program is capped when the
 * config is validated, and one request's conditions together get a fixed amount of work
 * (`regexWorkPerRequest`, about 50 ms at worst), counted before each match runs: a request that
 * would need more is refused rather than allowed to hold the event loop. Subjects are not cut
 * short, which would change what a pattern anchored at the end (`$`) answers.
 */
import { RE2JS } from 're2js';
import { invalidRequest } from '@ai-gateway/provider-utils';

export interface QueryContext {
  metadata: Record<string, unknown>;
  params: Record<string, unknown>;
  [scope: string]: unknown;
}

/** Longest `$regex` pattern, in characters. */
export const maxPatternLength = 1_000;
/** Largest compiled `$regex` program, in RE2 instructions (repetition counts multiply it). */
export const maxPatternProgramSize = 500;
/** Work allowed to one request's `$regex` conditions: program size times characters read. */
export const regexWorkPerRequest = 2_000_000;

/** What is left of one request's `$regex` work (see `regexWorkPerRequest`). */
export interface RegexBudget {
  remaining: number;
}

export function newRegexBudget(): RegexBudget {
  return { remaining: regexWorkPerRequest };
}

const compiledPatterns = new Map<string, RE2JS>();

function compile(pattern: string, field: string): RE2JS {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  if (pattern.length > maxPatternLength) throw invalidRequest(`Condition on '${field}': $regex is longer than ${maxPatternLength} characters.`, 'strategy.conditions', 'regex_too_complex');
  try {
    compiled = RE2JS.compile(pattern);
  } catch {
    throw invalidRequest(`Condition on '${field}': $regex '${pattern.slice(0, 100)}' is not a valid regular expression.`, 'strategy.conditions');
  }
  if (compiled.programSize() > maxPatternProgramSize) {
    throw invalidRequest(
      `Condition on '${field}': $regex is too complex (${compiled.programSize()} instructions, at most ${maxPatternProgramSize}); lower its repetition counts or split it.`,
      'strategy.conditions',
      'regex_too_complex',
    );
  }
  if (compiledPatterns.size > 1_000) compiledPatterns.clear();
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

function matchesRegex(value: unknown, pattern: unknown, field: string, budget: RegexBudget): boolean {
  if (typeof pattern !== 'string') throw invalidRequest(`Condition on '${field}': $regex needs a string pattern.`, 'strategy.conditions');
  const compiled = compile(pattern, field);
  if (typeof value !== 'string') return false;
  budget.remaining -= compiled.programSize() * value.length;
  if (budget.remaining < 0) {
    throw invalidRequest(`Condition on '${field}': this request's $regex conditions need more work than the gateway allows one request; simplify the patterns or match shorter fields.`, 'strategy.conditions', 'regex_too_costly');
  }
  return compiled.matcher(value).find();
}

/** Compiles every `$regex` of a query, so a config with a bad or too complex pattern is refused when read. */
export function checkQueryPatterns(query: unknown, field = 'query'): void {
  if (typeof query !== 'object' || query === null) return;
  for (const [key, condition] of Object.entries(query)) {
    if (key === '$regex' && typeof condition === 'string') compile(condition, field);
    else if (typeof condition === 'object' && condition !== null) checkQueryPatterns(condition, key.startsWith('$') ? field : key);
  }
}

/** `metadata.user.tier` or `params.messages.0.role`: objects and arrays at any depth. */
export function readPath(context: QueryContext, path: string): unknown {
  let value: unknown = context;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function compare(value: unknown, operand: unknown, test: (a: number | string, b: number | string) => boolean): boolean {
  if (typeof value === 'number' && typeof operand === 'number') return test(value, operand);
  if (typeof value === 'string' && typeof operand === 'string') return test(value, operand);
  return false;
}

function isOperatorObject(condition: unknown): condition is Record<string, unknown> {
  return typeof condition === 'object' && condition !== null && !Array.isArray(condition) && Object.keys(condition).some((key) => key.startsWith('$'));
}

function matchesOperator(value: unknown, operator: string, operand: unknown, field: string, budget: RegexBudget): boolean {
  switch (operator) {
    case '$eq': return value === operand;
    case '$ne': return value !== operand;
    case '$in': return Array.isArray(operand) && operand.includes(value);
    case '$nin': return Array.isArray(operand) && !operand.includes(value);
    case '$gt': return compare(value, operand, (a, b) => a > b);
    case '$gte': return compare(value, operand, (a, b) => a >= b);
    case '$lt': return compare(value, operand, (a, b) => a < b);
    case '$lte': return compare(value, operand, (a, b) => a <= b);
    case '$regex':
      return matchesRegex(value, operand, field, budget);
    default:
      throw invalidRequest(`Condition on '${field}': unknown operator '${operator}'.`, 'strategy.conditions');
  }
}

function matchesCondition(value: unknown, condition: unknown, field: string, budget: RegexBudget): boolean {
  if (!isOperatorObject(condition)) return value === condition;
  return Object.entries(condition).every(([operator, operand]) => matchesOperator(value, operator, operand, field, budget));
}

/** True when every key of the query holds for the context. `budget` is shared by one request's queries. */
export function matchesQuery(query: Record<string, unknown>, context: QueryContext, budget: RegexBudget = newRegexBudget()): boolean {
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) throw invalidRequest(`Condition: ${key} needs an array of queries.`, 'strategy.conditions');
      const parts = condition as Record<string, unknown>[];
      return key === '$and' ? parts.every((part) => matchesQuery(part, context, budget)) : parts.some((part) => matchesQuery(part, context, budget));
    }
    return matchesCondition(readPath(context, key), condition, key, budget);
  });
}
