/**
 * Chooses the config a request runs under, then hands it to the strategy engine:
 * the `x-portkey-config` JSON, else a named server-side config, else a model alias, else the
 * headers alone (a single target).
 */
import type { ServerConfig } from '../config/server-config.js';
import type { Config } from '../config/schema.js';
import { invalidRequest } from '../errors.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import { executeConfig, type ExecutionTrace, type StrategyDependencies } from '../strategy/execute-config.js';

export interface RequestDependencies extends StrategyDependencies {
  serverConfig: () => ServerConfig;
}

function chooseConfig(request: GatewayRequest, serverConfig: ServerConfig): Config {
  const { options } = request;
  if (options.config) return options.config;
  if (options.configName) {
    const named = serverConfig.configs[options.configName];
    if (!named) {
      throw invalidRequest(`Unknown config '${options.configName}': x-portkey-config must be a JSON config or the name of a config this gateway was started with.`, 'x-portkey-config', 'unknown_config');
    }
    return named;
  }
  const model = request.json?.model;
  if (typeof model === 'string') {
    const alias = serverConfig.models[model];
    if (alias) return alias;
  }
  return {};
}

export function executeRequest(request: GatewayRequest, dependencies: RequestDependencies, trace: ExecutionTrace): Promise<Response> {
  return executeConfig(chooseConfig(request, dependencies.serverConfig()), request, dependencies, trace);
}
