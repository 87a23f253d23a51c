/**
 * `default.regexMatch` (`rule`, `not`): passes when the pattern matches somewhere in the text.
 * The pattern runs on RE2, in linear time and within a work budget: linear-regex.ts.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean, requireString } from '../parameters.js';
import { chargeRegexWork, compileLinear, newRegexBudget } from './linear-regex.js';
import { applyNot } from './not-parameter.js';

function validate(parameters: Readonly<JsonObject>): string | undefined {
  const problem = firstProblem(onlyKnown(parameters, ['rule', 'not']), requireString(parameters, 'rule'), optionalBoolean(parameters, 'not'));
  if (problem) return problem;
  const compiled = compileLinear(parameters.rule as string);
  return typeof compiled === 'string' ? `'rule' ${compiled}` : undefined;
}

export const regexMatch: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.regexMatch',
  validate,
  run(context, parameters) {
    const rule = parameters.rule as string;
    const compiled = compileLinear(rule);
    if (typeof compiled === 'string') throw new Error(`'rule' ${compiled}`);
    chargeRegexWork(newRegexBudget(), compiled, context.text);
    const matcher = compiled.matcher(context.text);
    const matched = matcher.find();
    // Where it matched, not what: hook results reach the client, and a pattern that guards an
    // answer against leaking (keys, PII) must not echo what it caught.
    return {
      verdict: applyNot(matched, parameters),
      data: { rule, not: parameters.not === true, matched, match: matched ? { index: matcher.start(), length: matcher.end() - matcher.start() } : null },
    };
  },
};
