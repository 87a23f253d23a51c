/**
 * `ai-gateway virtual-keys add|list|rotate|remove`: virtual keys from the command line, in the
 * store the server uses (the same environment, `AI_GATEWAY_SECRET_KEY` included). Flags are named
 * as the admin API's JSON fields (`--id`, `--provider`, `--api_key`, `--settings.aws_region`).
 * `--api_key_env NAME` reads the secret from an environment variable, so it stays out of the shell
 * history. No command prints a secret.
 */
import { parseArgs } from 'node:util';
import { builtinProviders } from '@ai-gateway/providers';
import {
  createProviderSettingsIndex,
  createVirtualKeys,
  parseNewVirtualKey,
  parseVirtualKeyChanges,
  type AccessStoreV1,
  type VirtualKeyCatalogue,
} from '@ai-gateway/core';
import { runStoreCommand } from './store-command.js';

export const virtualKeysUsage = `Usage: ai-gateway virtual-keys add --id ID --provider PROVIDER [--api_key KEY | --api_key_env NAME]
                                   [--custom_host URL] [--settings.NAME VALUE ...]
       ai-gateway virtual-keys list [--json]
       ai-gateway virtual-keys rotate ID (--api_key KEY | --api_key_env NAME)
       ai-gateway virtual-keys remove ID

  Secrets (the api_key and secret settings such as --settings.aws_secret_access_key) are sealed with
  AI_GATEWAY_SECRET_KEY (32 bytes in base64: openssl rand -base64 32) before they are stored, in
  AI_GATEWAY_REDIS_URL's Redis, else the SQLite file AI_GATEWAY_STATE_DB (default ai-gateway-state.db).
  Requests name a virtual key with x-portkey-virtual-key: ID, or "virtual_key": "ID" in a config target.
`;

const keyFlags = {
  id: { type: 'string' },
  provider: { type: 'string' },
  api_key: { type: 'string' },
  api_key_env: { type: 'string' },
  custom_host: { type: 'string' },
} as const;

/** `--settings.NAME VALUE` pairs taken out of `args` (parseArgs knows no open-ended flag names). */
function takeSettings(args: string[]): { rest: string[]; settings: Record<string, string> } {
  const rest: string[] = [];
  const settings: Record<string, string> = {};
  for (let index = 0; index < args.length; index += 1) {
    const match = /^--settings\.([^=]+)(?:=(.*))?$/s.exec(args[index]);
    if (!match) {
      rest.push(args[index]);
      continue;
    }
    const value = match[2] ?? args[++index];
    if (value === undefined) throw new Error(`--settings.${match[1]} needs a value`);
    settings[match[1]] = value;
  }
  return { rest, settings };
}

function catalogue(): VirtualKeyCatalogue {
  return {
    hasProvider: (id) => builtinProviders.some((provider) => provider.id === id),
    providerIds: () => builtinProviders.map((provider) => provider.id),
    settings: createProviderSettingsIndex(builtinProviders),
  };
}

/** A setting's text in the type its provider declares (a number for a number setting). */
function typedSettings(provider: string, settings: Record<string, string>, index: VirtualKeyCatalogue['settings']): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(settings)) {
    const type = index.of(provider)?.byName.get(name)?.type;
    typed[name] = type === 'number' && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : type === 'boolean' && (text === 'true' || text === 'false') ? text === 'true' : text;
  }
  return typed;
}

function apiKeyOf(values: { api_key?: string; api_key_env?: string }, environment: NodeJS.ProcessEnv): string | undefined {
  if (values.api_key_env === undefined) return values.api_key;
  if (values.api_key !== undefined) throw new Error('give --api_key or --api_key_env, not both');
  const value = environment[values.api_key_env];
  if (!value) throw new Error(`--api_key_env ${values.api_key_env}: that environment variable is not set`);
  return value;
}

async function run(store: AccessStoreV1, secretKey: Uint8Array | undefined, args: string[], environment: NodeJS.ProcessEnv, write: (text: string) => void): Promise<void> {
  const [command, ...rest] = args;
  const virtualKeys = createVirtualKeys(store, secretKey);
  const known = catalogue();
  if (command === 'add') {
    const { rest: flags, settings } = takeSettings(rest);
    const { values } = parseArgs({ args: flags, options: keyFlags, allowPositionals: false });
    const body: Record<string, unknown> = { id: values.id, provider: values.provider };
    const apiKey = apiKeyOf(values, environment);
    if (apiKey !== undefined) body.api_key = apiKey;
    if (values.custom_host !== undefined) body.custom_host = values.custom_host;
    if (Object.keys(settings).length > 0) body.settings = typedSettings(values.provider ?? '', settings, known.settings);
    const key = await virtualKeys.create(parseNewVirtualKey(body, known));
    if (!key) throw new Error(`a virtual key with id '${values.id}' exists (rotate it: ai-gateway virtual-keys rotate ${values.id} --api_key_env NAME)`);
    write(`${key.id}\t${key.provider}\tadded\n`);
    return;
  }
  if (command === 'list') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, allowPositionals: false });
    const shown = await Promise.all((await store.listVirtualKeys()).map((key) => virtualKeys.shown(key)));
    if (values.json) {
      write(`${JSON.stringify(shown, null, 2)}\n`);
      return;
    }
    for (const key of shown) write(`${key.id}\t${key.provider}\t${key.updated_at}\t${JSON.stringify(key.settings)}\n`);
    return;
  }
  if (command === 'rotate') {
    const { values, positionals } = parseArgs({ args: rest, options: { api_key: keyFlags.api_key, api_key_env: keyFlags.api_key_env }, allowPositionals: true });
    if (positionals.length !== 1) throw new Error('rotate takes one virtual key id');
    const id = positionals[0];
    const current = await store.getVirtualKey(id);
    if (!current) throw new Error(`no virtual key with id '${id}'`);
    const key = await virtualKeys.change(id, parseVirtualKeyChanges({ api_key: apiKeyOf(values, environment) }, current.provider, known));
    if (!key) throw new Error(`no virtual key with id '${id}'`);
    write(`${key.id}\trotated\t${key.updated_at}\n`);
    return;
  }
  if (command === 'remove') {
    const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
    if (positionals.length !== 1) throw new Error('remove takes one virtual key id (ai-gateway virtual-keys list shows them)');
    if (!(await virtualKeys.remove(positionals[0]))) throw new Error(`no virtual key with id '${positionals[0]}'`);
    write(`${positionals[0]}\tremoved\n`);
    return;
  }
  throw new Error(command === undefined ? 'virtual-keys needs a command: add, list, rotate or remove' : `unknown virtual-keys command '${command}'`);
}

/** Runs `ai-gateway virtual-keys ...`; resolves with the exit code (2 for bad input, with one line saying why). */
export function runVirtualKeysCommand(args: string[], environment: NodeJS.ProcessEnv): Promise<number> {
  return runStoreCommand('virtual-keys', virtualKeysUsage, args, environment, (store, settings) => run(store, settings.secretKey, args, environment, (text) => process.stdout.write(text)));
}
