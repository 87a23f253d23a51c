/**
 * Chooses the config a request runs under, then hands it to the strategy engine:
 * the `x-portkey-config` JSON, else a named server-side config, else a model alias, else the
 * headers alone (a single target). A config with a `cache` passes through the cache step first.
 */
import { executeWithCache, type CacheTrace, type ExecutionContextHolder } from '../cache/cached-execution.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { ServerConfig } from '../config/server-config.js';
import type { Config } from '../config/schema.js';
import { checkConfigSettings } from '../config/provider-settings.js';
import type { ProviderSettingsIndex } from '../config/provider-settings-index.js';
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { Answer } from '../upstream/answer.js';
import type { GatewayRequest } from '../request/gateway-request.js';
import { refuseOperatorConfigOverrides } from '../request/operator-config.js';
import { executeConfig, type ExecutionTrace, type StrategyDependencies } from '../strategy/execute-config.js';
import { checkConfigHooks } from '../guardrails/guardrail-registry.js';
import { hookFields } from '../guardrails/hook-spec.js';
import type { ConfigTarget } from '../config/schema.js';
import type { VirtualKeys } from '../access/virtual-keys.js';
import { resolveVirtualKeys, usesVirtualKeys } from '../access/virtual-key-targets.js';

export interface RequestDependencies extends StrategyDependencies {
  serverConfig: () => ServerConfig;
  responseCache: ResponseCache;
  /** The stored virtual keys; without them a request naming one answers 400. */
  virtualKeys?: VirtualKeys;
}

/** What the response headers report: the strategy engine's trace and the cache status. */
export interface RequestTrace extends ExecutionTrace, CacheTrace {}

/**
 * The config of a request that has none (its target comes from headers): one object for all of
 * them, frozen so nothing can write into it, and shared so the caches keyed by config (whether it
 * names a virtual key, ...) hold one entry, not one a request that every scavenge must process.
 */
const noConfig: Config = Object.freeze({});

/**
 * The request's own config, or the operator's: a named config or model alias marks the request
 * (`configSource`) so that nothing in it steers the operator's targets (security/operator-config.ts).
 */
function chooseConfig(request: GatewayRequest, serverConfig: ServerConfig, settings: ProviderSettingsIndex): Config {
  const { options } = request;
  if (options.config) {
    checkConfigSettings(options.config, options.provider, settings);
    return options.config;
  }
  if (options.configName) {
    const named = serverConfig.configs[options.configName];
    if (!named) {
      throw invalidRequest(`Unknown config '${options.configName}': x-portkey-config must be a JSON config or the name of a config this gateway was started with.`, 'x-portkey-config', 'unknown_config');
    }
    const description = `server-side config '${options.configName}'`;
    refuseOperatorConfigOverrides(options, description);
    // Checked when the file was loaded, where the runtime gave its providers; then this is one map read.
    checkConfigSettings(named, undefined, settings, description);
    request.configSource = 'operator';
    return named;
  }
  const model = request.json?.model;
  if (typeof model === 'string') {
    const alias = serverConfig.models[model];
    if (alias) {
      const description = `model alias '${model}'`;
      refuseOperatorConfigOverrides(options, description);
      checkConfigSettings(alias, undefined, settings, description);
      request.configSource = 'operator';
      return alias;
    }
  }
  return noConfig;
}

/** The first hook field of a config tree, for a gateway built without guardrails. */
function firstHookField(node: ConfigTarget, path = ''): string | undefined {
  for (const field of hookFields) if (node[field] !== undefined) return path ? `${path}.${field}` : field;
  for (const [index, child] of (node.targets ?? []).entries()) {
    const found = firstHookField(child, `${path ? `${path}.` : ''}targets[${index}]`);
    if (found) return found;
  }
  return undefined;
}

/** Every hook of the config names a known check with good parameters (once per config object). */
function checkHooks(config: Config, dependencies: RequestDependencies): void {
  const field = firstHookField(config);
  if (field === undefined) return;
  if (!dependencies.guardrails) throw invalidRequest(`Invalid config: '${field}' asks for guardrails, and this gateway was built without any checks (GatewayOptions.guardrails).`, field, 'unsupported_config');
  // A cached answer would skip the checks a request must pass; until they run on cache hits, the two are refused together.
  if (config.cache !== undefined) throw invalidRequest("Invalid config: 'cache' together with guardrails is not supported yet: a cached answer would skip the checks. Remove one of them.", 'cache', 'unsupported_config');
  checkConfigHooks(config, dependencies.guardrails.guardrails, dependencies.checkCustomHost);
}

/** `runtime` is the runtime's execution context, for cache writes after the answer (`waitUntil`). */
export function executeRequest(request: GatewayRequest, dependencies: RequestDependencies, trace: RequestTrace, runtime?: ExecutionContextHolder): Promise<Answer> {
  const config = chooseConfig(request, dependencies.serverConfig(), dependencies.providerSettings);
  try {
    checkHooks(config, dependencies);
  } catch (error) {
    return Promise.reject(error);
  }
  if (usesVirtualKeys(config, request.options)) {
    // An operator's config chose its virtual keys: a gateway key's allowances are its configs then.
    const allow = request.configSource === 'request' ? request.allowVirtualKey : undefined;
    return resolveVirtualKeys(config, request.options, dependencies.virtualKeys, allow).then(() => executeChosen(config, request, dependencies, trace, runtime));
  }
  return executeChosen(config, request, dependencies, trace, runtime);
}

function executeChosen(config: Config, request: GatewayRequest, dependencies: RequestDependencies, trace: RequestTrace, runtime?: ExecutionContextHolder): Promise<Answer> {
  // Without a cache in the config nothing is hashed and no store is asked.
  if (config.cache === undefined) return executeConfig(config, request, dependencies, trace);
  const run = () => executeConfig(config, request, dependencies, trace);
  return executeWithCache({ cacheConfig: config.cache, config, request, cache: dependencies.responseCache, trace, runtime, run });
}
