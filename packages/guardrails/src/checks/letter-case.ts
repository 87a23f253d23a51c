/**
 * `default.alluppercase` and `default.alllowercase` (`not`), also registered as `default.uppercase`
 * and `default.lowercase`: pass when no letter of the text is lowercase (uppercase). Characters
 * that are not letters, and letters without case (Chinese, Arabic ...), are ignored, so a text
 * without cased letters passes both. Letters are Unicode's ("ÉCOLE" is uppercase, "école" is not);
 * Portkey's checks read A to Z only.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean } from '../parameters.js';
import { applyNot } from './not-parameter.js';

const uppercaseLetter = /[\p{Lu}\p{Lt}]/gu;
const lowercaseLetter = /\p{Ll}/gu;

function countMatches(text: string, pattern: RegExp): number {
  let found = 0;
  for (const _ of text.matchAll(pattern)) found++;
  return found;
}

function letterCaseCheck(id: string, wanted: 'upper' | 'lower'): GuardrailCheckV1 {
  return {
    specificationVersion: 'v1',
    id,
    validate(parameters) {
      return firstProblem(onlyKnown(parameters, ['not']), optionalBoolean(parameters, 'not'));
    },
    run(context, parameters: Readonly<JsonObject>) {
      const uppercaseLetters = countMatches(context.text, uppercaseLetter);
      const lowercaseLetters = countMatches(context.text, lowercaseLetter);
      const holds = wanted === 'upper' ? lowercaseLetters === 0 : uppercaseLetters === 0;
      return { verdict: applyNot(holds, parameters), data: { not: parameters.not === true, uppercaseLetters, lowercaseLetters } };
    },
  };
}

export const allUppercase = letterCaseCheck('default.alluppercase', 'upper');
export const allLowercase = letterCaseCheck('default.alllowercase', 'lower');
export const uppercase = letterCaseCheck('default.uppercase', 'upper');
export const lowercase = letterCaseCheck('default.lowercase', 'lower');
