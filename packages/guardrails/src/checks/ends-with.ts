/**
 * `default.endsWith` (`suffix`, `not`): passes when the text ends with the suffix, or with the
 * suffix and a full stop ("... HarryPortkey."), as Portkey's check does. White space after it is
 * allowed too (answers often end with a line break), which Portkey's does not.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean, requireString } from '../parameters.js';
import { applyNot } from './not-parameter.js';

export const endsWith: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.endsWith',
  validate(parameters) {
    return firstProblem(onlyKnown(parameters, ['suffix', 'not']), requireString(parameters, 'suffix'), optionalBoolean(parameters, 'not'));
  },
  run(context, parameters: Readonly<JsonObject>) {
    const suffix = parameters.suffix as string;
    const text = context.text;
    const trimmed = text.trimEnd();
    // The untrimmed text too: a suffix may itself end with white space ("\n").
    const ends = text.endsWith(suffix) || trimmed.endsWith(suffix) || trimmed.endsWith(`${suffix}.`);
    return { verdict: applyNot(ends, parameters), data: { suffix, not: parameters.not === true, endsWith: ends } };
  },
};
