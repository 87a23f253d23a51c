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
  minimumName: string;
  maximumName: string;
  count(text: string): number;
  /**
   * The result's `data`, its names spelled out (`wordCount`, `minWords`, `maxWords` ...): an object
   * literal whose names are computed is built by a call into V8's runtime, name by name, on every
   * request.
   */
  data(count: number, minimum: number, maximum: number | null, inRange: boolean, not: boolean): JsonObject;
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
        data: options.data(count, minimum, maximum ?? null, inRange, parameters.not === true),
      };
    },
  };
}

export const wordCount = countCheck({
  id: 'default.wordCount', minimumName: 'minWords', maximumName: 'maxWords', count: countWords,
  data: (count, minimum, maximum, inRange, not) => ({ wordCount: count, minWords: minimum, maxWords: maximum, inRange, not }),
});

export const sentenceCount = countCheck({
  id: 'default.sentenceCount', minimumName: 'minSentences', maximumName: 'maxSentences', count: countSentences,
  data: (count, minimum, maximum, inRange, not) => ({ sentenceCount: count, minSentences: minimum, maxSentences: maximum, inRange, not }),
});

export const characterCount = countCheck({
  id: 'default.characterCount', minimumName: 'minCharacters', maximumName: 'maxCharacters', count: countCharacters,
  data: (count, minimum, maximum, inRange, not) => ({ characterCount: count, minCharacters: minimum, maxCharacters: maximum, inRange, not }),
});
