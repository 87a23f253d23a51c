/**
 * Runs a request through its config tree. Until the strategy engine lands, a config routes to its
 * first target (mode `single`); the top level of a config is itself a target.
 */
import type { ConfigTarget } from '../config/schema.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import { callTarget, type CallDependencies } from './call-target.js';
import { inheritFrom, toTargetOptions } from './target-options.js';

export interface ExecutionResult {
  response: Response;
  /** Where in the config the answer came from, e.g. `config.targets[1]`. */
  optionPath: string;
  retryAttempts: number;
}

function timeoutSignal(clientSignal: AbortSignal, requestTimeout: number | undefined): AbortSignal {
  if (!requestTimeout) return clientSignal;
  return AbortSignal.any([clientSignal, AbortSignal.timeout(requestTimeout)]);
}

export async function executeRequest(request: GatewayRequest, dependencies: CallDependencies): Promise<ExecutionResult> {
  let node: ConfigTarget = request.options.config ?? {};
  let optionPath = 'config';
  while (node.targets && node.targets.length > 0) {
    node = inheritFrom(node, node.targets[0]);
    optionPath += '.targets[0]';
  }
  const target = toTargetOptions(node, request.options);
  const response = await callTarget(request, target, dependencies, timeoutSignal(request.signal, target.requestTimeout));
  return { response, optionPath, retryAttempts: 0 };
}
