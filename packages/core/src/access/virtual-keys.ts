/**
 * Virtual keys as the gateway uses them: made, changed and removed for the admin API and the CLI
 * (secrets sealed before they reach the store), shown without their secrets, and resolved for a
 * request with a short memory (half a second), so a rotation reaches every instance within it and
 * a busy key costs two store reads a second per instance.
 */
import { GatewayError, withFields } from '@ai-gateway/provider-utils';
import type { VirtualKeyStoreV1, VirtualKeyV1 } from '@ai-gateway/spec';
import type { ResolvedVirtualKey } from '../request/resolved-virtual-key.js';
import { storeUnavailable } from './access-errors.js';
import { isSecretSetting, type NewVirtualKeyFields, type VirtualKeyFieldChanges } from './virtual-key-fields.js';
import { createVirtualKeySeal, WrongSecretKeyError, type VirtualKeySeal, type VirtualKeySecrets } from './virtual-key-seal.js';

/** How long a resolved virtual key is trusted: a rotation reaches every instance within it. */
export const virtualKeyLookupMaxAgeMs = 500;
const maxRemembered = 10_000;

export type { ResolvedVirtualKey } from '../request/resolved-virtual-key.js';

/** A virtual key as the admin API and the CLI show it: secrets as `***`, never their values. */
export interface PublicVirtualKey {
  object: 'virtual_key';
  id: string;
  provider: string;
  /** `***` when the key holds one. */
  api_key?: '***';
  custom_host?: string;
  settings: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export const secretKeyMissingMessage = 'Virtual keys need AI_GATEWAY_SECRET_KEY (32 random bytes in base64: openssl rand -base64 32), the key their secrets are sealed with.';

function secretKeyMissing(): GatewayError {
  return new GatewayError(secretKeyMissingMessage, { status: 400, type: 'invalid_request_error', code: 'secret_key_missing', param: 'AI_GATEWAY_SECRET_KEY' });
}

/** Settings in two parts: the secret ones (sealed) and the others (stored plain). */
function splitSettings(settings: Record<string, unknown>): { plain: Record<string, unknown>; secret: Record<string, unknown> } {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(settings)) (isSecretSetting(name) ? secret : plain)[name] = value;
  return { plain, secret };
}

export interface VirtualKeys {
  readonly store: VirtualKeyStoreV1;
  /** Seals and stores a new key; undefined when one with its id exists. */
  create(fields: NewVirtualKeyFields): Promise<VirtualKeyV1 | undefined>;
  /** Applies changes (a rotation is `{ api_key }`); undefined when there is no such key. */
  change(id: string, changes: VirtualKeyFieldChanges): Promise<VirtualKeyV1 | undefined>;
  remove(id: string): Promise<boolean>;
  /** The key without its secrets: the names of the secret settings, their values `***`. */
  shown(key: VirtualKeyV1): Promise<PublicVirtualKey>;
  /** The opened key, or undefined when there is none; a 503 when the store is down. */
  resolve(id: string): Promise<ResolvedVirtualKey | undefined>;
  /** Forgets a resolved key at once (changed or removed on this instance). */
  forget(id: string): void;
}

export function createVirtualKeys(store: VirtualKeyStoreV1, secretKey: Uint8Array | undefined): VirtualKeys {
  const seal: VirtualKeySeal | undefined = secretKey && createVirtualKeySeal(secretKey);
  const sealer = () => {
    if (!seal) throw secretKeyMissing();
    return seal;
  };
  const open = (key: VirtualKeyV1): Promise<VirtualKeySecrets> => sealer().open(key.id, key.sealed_secrets);
  const lookups = new Map<string, { found: Promise<ResolvedVirtualKey | undefined>; at: number }>();

  const read = async (id: string): Promise<ResolvedVirtualKey | undefined> => {
    let key: VirtualKeyV1 | undefined;
    try {
      key = await store.getVirtualKey(id);
    } catch (error) {
      throw storeUnavailable(error);
    }
    if (!key) return undefined;
    let secrets: VirtualKeySecrets;
    try {
      secrets = await open(key);
    } catch (error) {
      // The start-up check catches a wrong key; this is a key sealed since by another instance's.
      if (error instanceof WrongSecretKeyError) throw new GatewayError(`Virtual key '${id}' cannot be opened on this gateway instance (its AI_GATEWAY_SECRET_KEY differs from the one that sealed it).`, { status: 500, type: 'api_error', code: 'virtual_key_unreadable' });
      throw error;
    }
    const { api_key: apiKey, ...secretSettings } = secrets;
    return {
      id,
      provider: key.provider,
      apiKey: typeof apiKey === 'string' ? apiKey : undefined,
      customHost: key.custom_host,
      settings: withFields(key.settings ?? {}, secretSettings),
    };
  };

  return {
    store,
    async create(fields) {
      const { plain, secret } = splitSettings(fields.settings);
      const secrets: VirtualKeySecrets = fields.api_key === undefined ? secret : { api_key: fields.api_key, ...secret };
      const now = new Date().toISOString();
      const key: VirtualKeyV1 = { id: fields.id, provider: fields.provider, sealed_secrets: await sealer().seal(fields.id, secrets), created_at: now, updated_at: now };
      if (Object.keys(plain).length > 0) key.settings = plain;
      if (fields.custom_host !== undefined) key.custom_host = fields.custom_host;
      return (await store.putVirtualKey(key, 'create')) ? key : undefined;
    },
    async change(id, changes) {
      const key = await store.getVirtualKey(id);
      if (!key) return undefined;
      const secrets = await open(key);
      const settings: Record<string, unknown> = withFields(key.settings ?? {});
      if (changes.api_key === null) delete secrets.api_key;
      else if (changes.api_key !== undefined) secrets.api_key = changes.api_key;
      for (const [name, value] of Object.entries(changes.settings ?? {})) {
        const target = isSecretSetting(name) ? secrets : settings;
        if (value === null) delete target[name];
        else target[name] = value;
      }
      const changed: VirtualKeyV1 = { id, provider: key.provider, sealed_secrets: await sealer().seal(id, secrets), created_at: key.created_at, updated_at: new Date().toISOString() };
      if (Object.keys(settings).length > 0) changed.settings = settings;
      const host = changes.custom_host === undefined ? key.custom_host : (changes.custom_host ?? undefined);
      if (host !== undefined) changed.custom_host = host;
      if (!(await store.putVirtualKey(changed, 'replace'))) return undefined;
      lookups.delete(id);
      return changed;
    },
    async remove(id) {
      lookups.delete(id);
      return store.removeVirtualKey(id);
    },
    async shown(key) {
      const secrets = seal ? await open(key).catch(() => ({}) as VirtualKeySecrets) : {};
      const settings: Record<string, unknown> = withFields(key.settings ?? {});
      for (const name of Object.keys(secrets)) if (name !== 'api_key') settings[name] = '***';
      const shown: PublicVirtualKey = { object: 'virtual_key', id: key.id, provider: key.provider, settings, created_at: key.created_at, updated_at: key.updated_at };
      if ('api_key' in secrets) shown.api_key = '***';
      if (key.custom_host !== undefined) shown.custom_host = key.custom_host;
      return shown;
    },
    resolve(id) {
      const now = Date.now();
      const remembered = lookups.get(id);
      if (remembered && now - remembered.at < virtualKeyLookupMaxAgeMs) return remembered.found;
      if (lookups.size >= maxRemembered) lookups.clear();
      const found = read(id);
      const lookup = { found, at: now };
      lookups.set(id, lookup);
      found.catch(() => {
        if (lookups.get(id) === lookup) lookups.delete(id);
      });
      return found;
    },
    forget(id) {
      lookups.delete(id);
    },
  };
}

/**
 * The start-up check: when the store holds virtual keys (`keys`, listed by the runtime), `AI_GATEWAY_SECRET_KEY` must be set and
 * must open them. Throws an error naming the setting otherwise (never a secret). Every key is
 * tried, so a store that mixes two secret keys is caught too.
 */
export async function checkVirtualKeySecret(keys: readonly VirtualKeyV1[], secretKey: Uint8Array | undefined): Promise<void> {
  if (keys.length === 0) return;
  if (!secretKey) throw new Error(`[ai-gateway] the key store holds ${keys.length} virtual key${keys.length === 1 ? '' : 's'} and AI_GATEWAY_SECRET_KEY is not set: set it to the key they were sealed with (32 bytes in base64)`);
  const seal = createVirtualKeySeal(secretKey);
  for (const key of keys) await seal.open(key.id, key.sealed_secrets);
}
