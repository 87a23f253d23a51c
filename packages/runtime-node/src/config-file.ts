/**
 * `ai-gateway --config gateway.json`: named configs and model aliases from a file, validated with
 * the same rules as a config header and reloaded when the file changes. A broken edit is refused
 * with a clear message and the last good config stays in force.
 */
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseServerConfig, type GatewayLogger, type ProviderV1, type ServerConfig } from '@ai-gateway/core';

/**
 * Reads and validates the file. With the gateway's `providers`, each target's provider settings
 * are checked against its provider's declaration too (a misspelt `aws_regoin` is refused here).
 */
export function loadConfigFile(path: string, environment: Record<string, string | undefined>, providers?: readonly ProviderV1[]): ServerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`[ai-gateway] cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`[ai-gateway] config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseServerConfig(value, environment, providers);
}

export interface ConfigFileWatcher {
  current(): ServerConfig;
  close(): void;
}

/**
 * Loads the file now (throwing if it is invalid) and keeps it current. The folder is watched,
 * not the file, because editors save by replacing the file, which a file watch would lose.
 */
export function watchConfigFile(path: string, environment: Record<string, string | undefined>, logger: GatewayLogger, providers?: readonly ProviderV1[]): ConfigFileWatcher {
  const absolutePath = resolve(path);
  let config = loadConfigFile(absolutePath, environment, providers);
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const reload = () => {
    try {
      config = loadConfigFile(absolutePath, environment, providers);
      logger.info('config file reloaded', { path: absolutePath, configs: Object.keys(config.configs), models: Object.keys(config.models) });
    } catch (error) {
      logger.warn('config file change refused; the previous config stays in force', { path: absolutePath, error: (error as Error).message });
    }
  };
  const watcher: FSWatcher = watch(dirname(absolutePath), (_event, filename) => {
    if (filename !== null && filename !== basename(absolutePath)) return;
    clearTimeout(debounce);
    debounce = setTimeout(reload, 50);
  });
  return {
    current: () => config,
    close() {
      clearTimeout(debounce);
      watcher.close();
    },
  };
}
