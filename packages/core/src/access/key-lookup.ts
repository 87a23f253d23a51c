/**
 * Finding the key a request shows, with a short memory: a key looked up in the last half second
 * is not looked up again, so a busy key costs one store read per half second per instance, and a
 * key revoked on any instance is refused everywhere within that half second. Unknown keys are
 * remembered too (a client retrying a wrong key does not hammer the store), and concurrent
 * lookups of one key share one read.
 */
import type { GatewayKeyV1, KeyStoreV1 } from '@ai-gateway/spec';
import { compileGlobs } from './model-globs.js';

/** How long a lookup is trusted: revocations reach every instance within it. */
export const keyLookupMaxAgeMs = 500;
/** Most remembered lookups; past it the memory starts over (a flood of random keys). */
const maxRemembered = 10_000;

/** A key as the request path uses it: the stored key and what is made from it once. */
export interface KnownKey {
  key: GatewayKeyV1;
  /** `allowed_models` as one expression, when the key has any. */
  models: RegExp | undefined;
  providers: ReadonlySet<string> | undefined;
  virtualKeys: ReadonlySet<string> | undefined;
  /** `allowed_configs`, when the key has them. */
  configs: ReadonlySet<string> | undefined;
  /** `expires_at` in milliseconds, or Infinity. */
  expiresAt: number;
}

interface Lookup {
  found: Promise<KnownKey | undefined>;
  at: number;
}

export interface KeyLookup {
  find(hash: string): Promise<KnownKey | undefined>;
  /** Forgets a key at once (revoked or changed on this instance). */
  forget(hash: string): void;
}

function known(key: GatewayKeyV1): KnownKey {
  return {
    key,
    models: key.allowed_models ? compileGlobs(key.allowed_models) : undefined,
    providers: key.allowed_providers ? new Set(key.allowed_providers) : undefined,
    virtualKeys: key.allowed_virtual_keys ? new Set(key.allowed_virtual_keys) : undefined,
    configs: key.allowed_configs ? new Set(key.allowed_configs) : undefined,
    expiresAt: key.expires_at ? Date.parse(key.expires_at) : Number.POSITIVE_INFINITY,
  };
}

export function createKeyLookup(store: KeyStoreV1): KeyLookup {
  const lookups = new Map<string, Lookup>();
  return {
    find(hash) {
      const now = Date.now();
      const remembered = lookups.get(hash);
      if (remembered && now - remembered.at < keyLookupMaxAgeMs) return remembered.found;
      if (lookups.size >= maxRemembered) lookups.clear();
      const found = store.findByHash(hash).then((key) => (key ? known(key) : undefined));
      const lookup = { found, at: now };
      lookups.set(hash, lookup);
      // A failed read is not remembered: the next request asks the store again.
      found.catch(() => {
        if (lookups.get(hash) === lookup) lookups.delete(hash);
      });
      return found;
    },
    forget(hash) {
      lookups.delete(hash);
    },
  };
}
