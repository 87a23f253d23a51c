/**
 * `default.modelWhitelist`: the request's model must be in `models` (or, with `not`, must not be).
 * Portkey's check of the same id and parameters; an entry `*` matches every model, as in
 * Portkey's `modelRules`. Other entries match the model name exactly.
 * https://github.com/Portkey-AI/gateway/blob/main/plugins/default/modelWhitelist.ts
 */
import type { GuardrailCheckV1, GuardrailContextV1 } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean, stringList } from '../parameters.js';

/** Whether `model` is named by `models`, where `*` names every model. */
export function modelListed(models: readonly string[], model: string): boolean {
  return models.includes('*') || models.includes(model);
}

/** The model a model check judges; a request that names none cannot pass or fail one, so it is an error. */
export function requestedModel(context: GuardrailContextV1): string {
  if (context.model === undefined || context.model === '') throw new Error('the request names no model.');
  return context.model;
}

export const modelWhitelist: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.modelWhitelist',
  validate: (parameters) => firstProblem(onlyKnown(parameters, ['models', 'not']), stringList(parameters, 'models', { required: true }), optionalBoolean(parameters, 'not')),
  run(context, parameters) {
    const model = requestedModel(context);
    const models = parameters.models as string[];
    const not = parameters.not === true;
    const listed = modelListed(models, model);
    const verdict = not ? !listed : listed;
    const explanation = listed
      ? `Model "${model}" is in the list${not ? ', which names models not allowed' : ''}.`
      : `Model "${model}" is not in the list${not ? ' of models not allowed' : ' of allowed models'}.`;
    return { verdict, data: { explanation, requestedModel: model, models, not } };
  },
};
