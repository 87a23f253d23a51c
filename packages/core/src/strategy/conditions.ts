/**
 * Conditional routing queries, Mongo-style as Portkey's configs write them:
 * `{"metadata.plan": {"$eq": "paid"}, "$or": [{"params.model": {"$in": ["a", "b"]}}, ...]}`.
 * Every key of a query must hold (siblings combine with AND, `$and`/`$or` included), paths reach
 * any depth, and `$regex` runs on RE2 (linear time) so a user's pattern cannot stall the process.
 */
import { RE2JS } from 're2js';
import { invalidRequest } from '../errors.js';

export interface QueryContext {
  metadata: Record<string, unknown>;
  params: Record<string, unknown>;
  [scope: string]: unknown;
}

/** Longest pattern and subject a `$regex` considers; RE2 is linear, this keeps the constant small. */
const maxPatternLength = 1_000;
const maxSubjectLength = 100_000;

const compiledPatterns = new Map<string, RE2JS>();

function compile(pattern: string, field: string): RE2JS {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  if (pattern.length > maxPatternLength) throw invalidRequest(`Condition on '${field}': $regex is longer than ${maxPatternLength} characters.`, 'strategy.conditions');
  try {
    compiled = RE2JS.compile(pattern);
  } catch {
    throw invalidRequest(`Condition on '${field}': $regex '${pattern}' is not a valid regular expression.`, 'strategy.conditions');
  }
  if (compiledPatterns.size > 1_000) compiledPatterns.clear();
  compiledPatterns.set(pattern, compiled);
  return compiled;
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

function matchesOperator(value: unknown, operator: string, operand: unknown, field: string): boolean {
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
      if (typeof operand !== 'string') throw invalidRequest(`Condition on '${field}': $regex needs a string pattern.`, 'strategy.conditions');
      return typeof value === 'string' && compile(operand, field).matcher(value.slice(0, maxSubjectLength)).find();
    default:
      throw invalidRequest(`Condition on '${field}': unknown operator '${operator}'.`, 'strategy.conditions');
  }
}

function matchesCondition(value: unknown, condition: unknown, field: string): boolean {
  if (!isOperatorObject(condition)) return value === condition;
  return Object.entries(condition).every(([operator, operand]) => matchesOperator(value, operator, operand, field));
}

/** True when every key of the query holds for the context. */
export function matchesQuery(query: Record<string, unknown>, context: QueryContext): boolean {
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) throw invalidRequest(`Condition: ${key} needs an array of queries.`, 'strategy.conditions');
      const parts = condition as Record<string, unknown>[];
      return key === '$and' ? parts.every((part) => matchesQuery(part, context)) : parts.some((part) => matchesQuery(part, context));
    }
    return matchesCondition(readPath(context, key), condition, key);
  });
}
