/**
 * `ai-gateway keys create|list|revoke`: gateway keys from the command line, in the store the
 * server uses (the same environment: `AI_GATEWAY_REDIS_URL`, else `AI_GATEWAY_STATE_DB`). Flags
 * are named as the admin API's JSON fields (`--allowed_models 'gpt-4o*'`,
 * `--rate_limits.requests_per_minute 60`, `--budget.usd 10 --budget.period day`). `create` prints
 * the new key alone on stdout, so `KEY=$(ai-gateway keys create --name ci)` works.
 */
import { parseArgs } from 'node:util';
import { createKey, publicKey, type AccessStoreV1 } from '@ai-gateway/core';
import { runStoreCommand } from './store-command.js';

export const keysUsage = `Usage: ai-gateway keys create --name NAME [--allowed_providers LIST] [--allowed_models GLOBS]
                           [--allowed_virtual_keys LIST] [--allowed_configs LIST]
                           [--rate_limits.requests_per_minute N] [--rate_limits.tokens_per_minute N]
                           [--budget.usd AMOUNT --budget.period day|month|total]
                           [--expires_at ISO-TIME] [--metadata JSON]
       ai-gateway keys list [--json]
       ai-gateway keys revoke ID

  Lists are comma-separated (--allowed_models 'gpt-4o*,o3-mini'). Keys live where the server keeps
  them: in AI_GATEWAY_REDIS_URL's Redis (under AI_GATEWAY_REDIS_KEY_PREFIX), else in the SQLite file
  AI_GATEWAY_STATE_DB (default ai-gateway-state.db in the working directory).
`;

const createFlags = {
  name: { type: 'string' },
  allowed_providers: { type: 'string' },
  allowed_models: { type: 'string' },
  allowed_virtual_keys: { type: 'string' },
  allowed_configs: { type: 'string' },
  'rate_limits.requests_per_minute': { type: 'string' },
  'rate_limits.tokens_per_minute': { type: 'string' },
  'budget.usd': { type: 'string' },
  'budget.period': { type: 'string' },
  expires_at: { type: 'string' },
  metadata: { type: 'string' },
} as const;

function list(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter(Boolean);
}

/** A flag's number as the JSON body would carry it; text that is no number stays text, for the field's own error. */
function numberOf(text: string): number | string {
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** The admin API's create body, from the flags. */
export function createBody(values: Partial<Record<keyof typeof createFlags, string>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (values.name !== undefined) body.name = values.name;
  if (values.allowed_providers !== undefined) body.allowed_providers = list(values.allowed_providers);
  if (values.allowed_models !== undefined) body.allowed_models = list(values.allowed_models);
  if (values.allowed_virtual_keys !== undefined) body.allowed_virtual_keys = list(values.allowed_virtual_keys);
  if (values.allowed_configs !== undefined) body.allowed_configs = list(values.allowed_configs);
  const requests = values['rate_limits.requests_per_minute'];
  const tokens = values['rate_limits.tokens_per_minute'];
  if (requests !== undefined || tokens !== undefined) {
    body.rate_limits = { requests_per_minute: requests === undefined ? undefined : numberOf(requests), tokens_per_minute: tokens === undefined ? undefined : numberOf(tokens) };
  }
  if (values['budget.usd'] !== undefined || values['budget.period'] !== undefined) {
    body.budget = { usd: values['budget.usd'] === undefined ? undefined : numberOf(values['budget.usd']), period: values['budget.period'] ?? 'total' };
  }
  if (values.expires_at !== undefined) body.expires_at = values.expires_at;
  if (values.metadata !== undefined) {
    try {
      body.metadata = JSON.parse(values.metadata);
    } catch {
      throw new Error("--metadata must be a JSON object, e.g. '{\"team\":\"search\"}'");
    }
  }
  return body;
}

function status(key: ReturnType<typeof publicKey>): string {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && Date.parse(key.expires_at) <= Date.now()) return 'expired';
  return 'active';
}

async function run(store: AccessStoreV1, args: string[], write: (text: string) => void, tell: (text: string) => void): Promise<void> {
  const [command, ...rest] = args;
  if (command === 'create') {
    const { values } = parseArgs({ args: rest, options: createFlags, allowPositionals: false });
    const { key, secret } = await createKey(store, createBody(values));
    tell(`[ai-gateway] created ${key.id} (${key.name}); the key is shown once:\n`);
    write(`${secret}\n`);
    return;
  }
  if (command === 'list') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, allowPositionals: false });
    const keys = (await store.list()).map(publicKey);
    if (values.json) {
      write(`${JSON.stringify(keys, null, 2)}\n`);
      return;
    }
    for (const key of keys) write(`${key.id}\t${key.prefix}…\t${status(key)}\t${key.created_at}\t${key.name}\n`);
    if (keys.length === 0) tell('[ai-gateway] no keys yet: ai-gateway keys create --name NAME\n');
    return;
  }
  if (command === 'revoke') {
    const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
    if (positionals.length !== 1) throw new Error('revoke takes one key id (ai-gateway keys list shows them)');
    const key = await store.revoke(positionals[0], new Date().toISOString());
    if (!key) throw new Error(`no gateway key with id '${positionals[0]}'`);
    write(`${key.id}\trevoked\t${key.revoked_at}\n`);
    return;
  }
  throw new Error(command === undefined ? 'keys needs a command: create, list or revoke' : `unknown keys command '${command}'`);
}

/** Runs `ai-gateway keys ...`; resolves with the exit code (2 for bad input, with one line saying why). */
export function runKeysCommand(args: string[], environment: NodeJS.ProcessEnv): Promise<number> {
  return runStoreCommand('keys', keysUsage, args, environment, (store) => run(store, args, (text) => process.stdout.write(text), (text) => process.stderr.write(text)));
}
