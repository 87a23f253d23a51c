/**
 * Server-side configs: a file the operator keeps next to the gateway, holding named configs that
 * `x-portkey-config: <name>` refers to, model aliases (`"model": "fast"` routes by a config), and
 * the operator's own model prices for the request log's costs (operator-prices.ts).
 * Secrets stay out of the file: any string `"env:NAME"` is replaced by that environment variable.
 *
 * ```json
 * {
 *   "configs": { "prod": { "strategy": { "mode": "fallback" }, "targets": [ ... ] } },
 *   "models": { "fast": { "targets": [{ "provider": "groq", "api_key": "env:GROQ_API_KEY", "override_params": { "model": "llama-3.1-8b-instant" } }] } },
 *   "prices": { "acme/my-model": { "input": 0.2, "output": 0.6 } }
 * }
 * ```
 */
import { inheritFrom } from './inherit-target.js';
import type { ProviderV1 } from '@ai-gateway/spec';
import { createProviderSettingsIndex, type ProviderSettingsIndex } from './provider-settings-index.js';
import { validateConfig } from './parse-config.js';
import { parsePriceOverrides, type PriceOverrides } from './operator-prices.js';
import { checkConfigSettings } from './provider-settings.js';
import type { Config, ConfigTarget } from './schema.js';

export interface ServerConfig {
  configs: Record<string, Config>;
  models: Record<string, Config>;
  /** The operator's prices, over the price dataset's; absent when the file has none. */
  prices?: PriceOverrides;
}

export const emptyServerConfig: ServerConfig = { configs: {}, models: {} };

function resolveEnvironment(value: unknown, environment: Record<string, string | undefined>, path: string): unknown {
  if (typeof value === 'string' && value.startsWith('env:')) {
    const name = value.slice('env:'.length);
    const resolved = environment[name];
    if (resolved === undefined) throw new Error(`'${path}' refers to environment variable ${name}, which is not set`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveEnvironment(item, environment, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveEnvironment(item, environment, path ? `${path}.${key}` : key)]));
  }
  return value;
}

/**
 * Every target of an operator's config names its provider (itself or through a parent), or a
 * virtual key that carries one: a request never chooses the provider of a target that may hold the
 * operator's key. A virtual key's target takes its credential, host and settings from the key.
 */
function requireProviders(node: ConfigTarget, path: string): void {
  if (!node.targets || node.targets.length === 0) {
    if (node.virtual_key !== undefined) {
      for (const field of ['provider', 'api_key', 'custom_host'] as const) {
        if (node[field] !== undefined) throw new Error(`'${path}.${field}': a target with a virtual_key takes its ${field === 'api_key' ? 'key' : field === 'provider' ? 'provider' : 'host'} from the virtual key`);
      }
      return;
    }
    if (!node.provider) throw new Error(`'${path}' has no provider: every target of a server-side config names its provider or a virtual_key`);
    return;
  }
  for (const [index, child] of node.targets.entries()) requireProviders(inheritFrom(node, child), `${path}.targets[${index}]`);
}

function section(value: unknown, name: 'configs' | 'models', environment: Record<string, string | undefined>, settings: ProviderSettingsIndex | undefined): Record<string, Config> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`[ai-gateway] config file: '${name}' must be an object of named configs`);
  const result: Record<string, Config> = {};
  for (const [key, config] of Object.entries(value)) {
    try {
      result[key] = validateConfig(resolveEnvironment(config, environment, `${name}.${key}`), `${name}.${key}`);
      requireProviders(result[key], `${name}.${key}`);
      if (settings) checkConfigSettings(result[key], undefined, settings, `${name}.${key}`);
    } catch (error) {
      throw new Error(`[ai-gateway] config file: ${(error as Error).message}`);
    }
  }
  return result;
}

/**
 * Validates a parsed config file with the same rules as a config header; throws naming the field.
 * Given the gateway's `providers`, each target's provider settings are checked against what its
 * provider declares too, so a misspelt `aws_regoin` stops start-up (or a reload) instead of
 * answering 400 to every request that uses the config.
 */
export function parseServerConfig(value: unknown, environment: Record<string, string | undefined>, providers?: readonly ProviderV1[]): ServerConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('[ai-gateway] config file: expected a JSON object with "configs", "models" and/or "prices"');
  const file = value as Record<string, unknown>;
  const unknownKeys = Object.keys(file).filter((key) => !topLevelFields.includes(key));
  if (unknownKeys.length > 0) throw new Error(`[ai-gateway] config file: unknown top-level field '${unknownKeys[0]}' (expected "configs", "models" and "prices")`);
  const settings = providers ? createProviderSettingsIndex(providers) : undefined;
  const serverConfig: ServerConfig = { configs: section(file.configs, 'configs', environment, settings), models: section(file.models, 'models', environment, settings) };
  if (file.prices !== undefined) serverConfig.prices = pricesSection(file.prices);
  return serverConfig;
}

const topLevelFields = ['configs', 'models', 'prices', '$schema'];

function pricesSection(value: unknown): PriceOverrides {
  try {
    return parsePriceOverrides(value);
  } catch (error) {
    throw new Error(`[ai-gateway] config file: ${(error as Error).message}`);
  }
}
