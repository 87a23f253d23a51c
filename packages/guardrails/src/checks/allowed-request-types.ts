/**
 * `default.allowedRequestTypes`: which gateway endpoints a request may use (`chatComplete`,
 * `complete`, `embed`, `messages`, `responses`, ...). `allowedTypes` is an allow list,
 * `blockedTypes` a block list (a blocked type is refused even when allowed). Without either
 * parameter the request's metadata decides, through `supported_endpoints` and `blocked_endpoints`
 * (comma-separated); with neither anywhere every type passes. Portkey's check of the same id and
 * parameters: https://github.com/Portkey-AI/gateway/blob/main/plugins/default/allowedRequestTypes.ts
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, namesList, onlyKnown, readNames } from '../parameters.js';

function conflicts(allowed: readonly string[], blocked: readonly string[]): string[] {
  return allowed.filter((type) => blocked.includes(type));
}

function conflictProblem(parameters: Readonly<JsonObject>): string | undefined {
  const both = conflicts(readNames(parameters.allowedTypes), readNames(parameters.blockedTypes));
  return both.length === 0 ? undefined : `${both.join(', ')} ${both.length > 1 ? 'are' : 'is'} in both 'allowedTypes' and 'blockedTypes'; remove ${both.length > 1 ? 'them' : 'it'} from one.`;
}

export const allowedRequestTypes: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.allowedRequestTypes',
  validate: (parameters) => firstProblem(onlyKnown(parameters, ['allowedTypes', 'blockedTypes']), namesList(parameters, 'allowedTypes'), namesList(parameters, 'blockedTypes'), conflictProblem(parameters)),
  run(context, parameters) {
    let allowedTypes = readNames(parameters.allowedTypes);
    let blockedTypes = readNames(parameters.blockedTypes);
    const fromParameters = allowedTypes.length > 0 || blockedTypes.length > 0;
    if (allowedTypes.length === 0) allowedTypes = readNames(context.metadata.supported_endpoints);
    if (blockedTypes.length === 0) blockedTypes = readNames(context.metadata.blocked_endpoints);
    const source = fromParameters ? 'parameters' : allowedTypes.length > 0 || blockedTypes.length > 0 ? 'metadata' : 'default';
    // Parameters are checked when the config is read; metadata comes with the request.
    const both = conflicts(allowedTypes, blockedTypes);
    if (both.length > 0) throw new Error(`${both.join(', ')} ${both.length > 1 ? 'are' : 'is'} both allowed and blocked.`);
    const type = context.requestType;
    const blocked = blockedTypes.includes(type);
    const verdict = !blocked && (allowedTypes.length === 0 || allowedTypes.includes(type));
    const explanation = blocked
      ? `Request type "${type}" is blocked.`
      : verdict
        ? `Request type "${type}" is allowed.`
        : `Request type "${type}" is not allowed; allowed types: ${allowedTypes.join(', ')}.`;
    return { verdict, data: { explanation, currentRequestType: type, allowedTypes, blockedTypes, source } };
  },
};
