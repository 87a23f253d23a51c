/**
 * What a request names, read for its key's allowances and budget: the providers of the config it
 * runs under (its own, a named server-side config, or a model alias's) or of its header, and the
 * models it asks for (its `model`, and the `override_params.model` of its own config's targets).
 * A model alias is allowed or not by its name: the operator chose what it routes to.
 */
import type { JsonObject, PriceLookupV1 } from '@ai-gateway/spec';
import type { Config } from '../config/schema.js';
import type { ServerConfig } from '../config/server-config.js';
import type { RequestOptions } from '../request/portkey-headers.js';
import { estimateCost } from '../observe/request-cost.js';
import type { RequestFacts } from './gateway-access.js';

/**
 * A request's output when it sets no bound (`max_tokens`, `max_completion_tokens`,
 * `max_output_tokens`): what its worst-case cost reserves of a budget.
 */
export const defaultOutputTokenBound = 16_384;

interface ConfigNode {
  provider?: unknown;
  targets?: unknown;
  override_params?: { model?: unknown };
}

/** Every provider a config (with its nested targets) names, depth first. */
export function providersOfConfig(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return [];
  const node = config as ConfigNode;
  const own = typeof node.provider === 'string' ? [node.provider] : [];
  return Array.isArray(node.targets) ? [...own, ...node.targets.flatMap(providersOfConfig)] : own;
}

function modelsOfConfig(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return [];
  const node = config as ConfigNode;
  const own = typeof node.override_params?.model === 'string' ? [node.override_params.model] : [];
  return Array.isArray(node.targets) ? [...own, ...node.targets.flatMap(modelsOfConfig)] : own;
}

function outputBound(json: JsonObject | null): number {
  for (const field of ['max_tokens', 'max_completion_tokens', 'max_output_tokens']) {
    const value = json?.[field];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.ceil(value);
  }
  return defaultOutputTokenBound;
}

export function requestFacts(
  options: RequestOptions,
  json: JsonObject | null,
  bodyBytes: number,
  serverConfig: ServerConfig,
  priceLookup: PriceLookupV1 | undefined,
  /** The provider of the virtual key the request names by header, when nothing else names one. */
  virtualKeyProvider?: string,
): RequestFacts {
  const model = typeof json?.model === 'string' ? json.model : undefined;
  const ownConfig = options.config;
  const operatorConfig: Config | undefined = ownConfig
    ? undefined
    : options.configName !== undefined ? serverConfig.configs[options.configName] : model !== undefined ? serverConfig.models[model] : undefined;
  const config = ownConfig ?? operatorConfig;
  const configProviders = providersOfConfig(config);
  const named = options.provider !== undefined && !operatorConfig ? [options.provider, ...configProviders] : configProviders;
  const providers = named.length === 0 && virtualKeyProvider !== undefined ? [virtualKeyProvider] : named;
  const models = [...(model === undefined ? [] : [model]), ...(ownConfig ? modelsOfConfig(ownConfig) : [])];
  // Bytes over three: more than a tokenizer counts for nearly any text, JSON's punctuation included.
  const inputTokens = Math.ceil(bodyBytes / 3);
  return {
    providers,
    models,
    configName: options.configName,
    ownConfig: ownConfig !== undefined,
    inputTokens,
    worstCaseCost() {
      const provider = providers[0];
      const pricedModel = modelsOfConfig(config)[0] ?? model;
      if (provider === undefined || pricedModel === undefined) return null;
      const tokens = { input: inputTokens, output: outputBound(json), cached: 0, reasoning: 0 };
      return estimateCost(provider, pricedModel, tokens, Date.now(), serverConfig.prices, priceLookup);
    },
  };
}
