/**
 * `default.notNull` (`not`): passes when the text holds something besides white space. On the
 * answer side an answer with only tool calls has no text, so it fails, as in Portkey's gateway;
 * on the request side the text is the last message's.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean } from '../parameters.js';
import { applyNot } from './not-parameter.js';

export const notNull: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.notNull',
  validate(parameters) {
    return firstProblem(onlyKnown(parameters, ['not']), optionalBoolean(parameters, 'not'));
  },
  run(context, parameters: Readonly<JsonObject>) {
    const empty = context.text.trim() === '';
    return { verdict: applyNot(!empty, parameters), data: { not: parameters.not === true, empty, characters: context.text.length } };
  },
};
