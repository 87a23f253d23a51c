/**
 * `default.requiredMetadataKeys`: which of `metadataKeys` the request's metadata
 * (`x-portkey-metadata`) must carry: `all` of them (the default), `any` one, or `none`.
 * Portkey's check of the same id and parameters:
 * https://github.com/Portkey-AI/gateway/blob/main/plugins/default/requiredMetadataKeys.ts
 */
import type { GuardrailCheckV1 } from '@ai-gateway/spec';
import { firstProblem, oneOf, onlyKnown, stringList } from '../parameters.js';

const operators = ['all', 'any', 'none'] as const;
type Operator = (typeof operators)[number];

export const requiredMetadataKeys: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.requiredMetadataKeys',
  validate: (parameters) => firstProblem(onlyKnown(parameters, ['metadataKeys', 'operator']), stringList(parameters, 'metadataKeys', { required: true }), oneOf(parameters, 'operator', operators)),
  run(context, parameters) {
    const keys = parameters.metadataKeys as string[];
    const operator = (parameters.operator as Operator | undefined) ?? 'all';
    const found = keys.filter((key) => Object.hasOwn(context.metadata, key));
    const missing = keys.filter((key) => !Object.hasOwn(context.metadata, key));
    const verdict = operator === 'all' ? missing.length === 0 : operator === 'any' ? found.length > 0 : found.length === 0;
    const explanation = verdict
      ? `The metadata has ${operator === 'all' ? 'every one' : operator === 'any' ? 'at least one' : 'none'} of the keys.`
      : operator === 'all'
        ? `The metadata lacks ${missing.join(', ')}.`
        : operator === 'any'
          ? 'The metadata has none of the keys.'
          : `The metadata has ${found.join(', ')}, which must not be set.`;
    return { verdict, data: { explanation, operator, found_metadata_keys: found, missing_metadata_keys: missing } };
  },
};
