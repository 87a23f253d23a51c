/**
 * `default.wordCount` (`minWords`, `maxWords`), `default.sentenceCount` (`minSentences`,
 * `maxSentences`) and `default.characterCount` (`minCharacters`, `maxCharacters`), each with `not`:
 * pass when the text's length in that unit is within the range, both ends included.
 *
 * Portkey requires both ends; here either may be left out (no minimum, or no maximum), so its
 * configs read the same and a one-sided limit needs no made-up bound. Empty text counts 0 instead of
 * being an error. How words, sentences and characters are counted: text-measures.ts.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean, wholeNumberRange } from '../parameters.js';
import { applyNot } from './not-parameter.js';
import { countCharacters, countSentences, countWords } from './text-measures.js';

interface CountCheckOptions {
  id: string;
  /** The name of the count in `data`, e.g. `wordCount`. */
  countName: string;
  minimumName: string;
  maximumName: string;
  count(text: string): number;
}

function countCheck(options: CountCheckOptions): GuardrailCheckV1 {
  const { minimumName, maximumName } = options;
  return {
    specificationVersion: 'v1',
    id: options.id,
    validate(parameters) {
      return firstProblem(onlyKnown(parameters, [minimumName, maximumName, 'not']), wholeNumberRange(parameters, minimumName, maximumName), optionalBoolean(parameters, 'not'));
    },
    run(context, parameters: Readonly<JsonObject>) {
      const count = options.count(context.text);
      const minimum = (parameters[minimumName] as number | undefined) ?? 0;
      const maximum = parameters[maximumName] as number | undefined;
      const inRange = count >= minimum && (maximum === undefined || count <= maximum);
      return {
        verdict: applyNot(inRange, parameters),
        data: { [options.countName]: count, [minimumName]: minimum, [maximumName]: maximum ?? null, inRange, not: parameters.not === true },
      };
    },
  };
}

export const wordCount = countCheck({ id: 'default.wordCount', countName: 'wordCount', minimumName: 'minWords', maximumName: 'maxWords', count: countWords });

export const sentenceCount = countCheck({ id: 'default.sentenceCount', countName: 'sentenceCount', minimumName: 'minSentences', maximumName: 'maxSentences', count: countSentences });

export const characterCount = countCheck({ id: 'default.characterCount', countName: 'characterCount', minimumName: 'minCharacters', maximumName: 'maxCharacters', count: countCharacters });
