/**
 * `default.contains` (`words`, `operator`: `any` | `all` | `none`, default `any`): whether the text
 * contains any, all or none of the words or phrases.
 *
 * As Portkey's check does: a word is found when it occurs anywhere in the text, inside other words
 * too ("cat" is in "concatenate"), and case matters ("Apple" is not in "apple pie"), so a config
 * written for Portkey's gateway decides the same here. For a case-insensitive or whole-word test,
 * `default.regexMatch` with `(?i)\bapple\b` does it.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, oneOf, onlyKnown, stringList } from '../parameters.js';

export const wordOperators = ['any', 'all', 'none'] as const;
export type WordOperator = (typeof wordOperators)[number];

/** Whether `found` of `wanted` satisfies the operator. */
export function operatorHolds(operator: WordOperator, foundCount: number, wantedCount: number): boolean {
  if (operator === 'any') return foundCount > 0;
  if (operator === 'all') return foundCount === wantedCount;
  return foundCount === 0;
}

export const contains: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.contains',
  validate(parameters) {
    return firstProblem(onlyKnown(parameters, ['words', 'operator']), stringList(parameters, 'words', { required: true }), oneOf(parameters, 'operator', wordOperators));
  },
  run(context, parameters: Readonly<JsonObject>) {
    const words = parameters.words as string[];
    const operator = (parameters.operator ?? 'any') as WordOperator;
    const foundWords = words.filter((word) => context.text.includes(word));
    const missingWords = words.filter((word) => !foundWords.includes(word));
    return { verdict: operatorHolds(operator, foundWords.length, words.length), data: { operator, foundWords, missingWords } };
  },
};
