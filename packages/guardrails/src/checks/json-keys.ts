/**
 * `default.jsonKeys` (`keys`, `operator`: `any` | `all` | `none`, default `any`): whether the JSON
 * objects found in the text (json-in-text.ts) have any, all or none of the keys at their top level.
 *
 * With several objects found, `any` and `all` pass when one object does, as Portkey's check does;
 * `none` passes only when no object has any of the keys (Portkey's passes when one object has none,
 * which lets a forbidden key through beside a clean object). No JSON object found fails.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, oneOf, onlyKnown, stringList } from '../parameters.js';
import { operatorHolds, type WordOperator, wordOperators } from './contains.js';
import { findJson, isJsonObject } from './json-in-text.js';

export const jsonKeys: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.jsonKeys',
  validate(parameters) {
    return firstProblem(onlyKnown(parameters, ['keys', 'operator']), stringList(parameters, 'keys', { required: true }), oneOf(parameters, 'operator', wordOperators));
  },
  run(context, parameters: Readonly<JsonObject>) {
    const keys = parameters.keys as string[];
    const operator = (parameters.operator ?? 'any') as WordOperator;
    const objects = findJson(context.text)
      .map((candidate) => candidate.value)
      .filter(isJsonObject);
    const presentIn = (object: Record<string, unknown>) => keys.filter((key) => Object.hasOwn(object, key));
    let presentKeys: string[];
    let verdict: boolean;
    if (operator === 'none') {
      presentKeys = keys.filter((key) => objects.some((object) => Object.hasOwn(object, key)));
      verdict = objects.length > 0 && presentKeys.length === 0;
    } else {
      // The first object that passes, or else the one with the most of the keys.
      const found = objects.map(presentIn);
      const passing = found.find((present) => operatorHolds(operator, present.length, keys.length));
      presentKeys = passing ?? found.reduce((most, present) => (present.length > most.length ? present : most), []);
      verdict = passing !== undefined;
    }
    return {
      verdict,
      data: { operator, jsonFound: objects.length, presentKeys, missingKeys: keys.filter((key) => !presentKeys.includes(key)) },
    };
  },
};
