/**
 * Access control on the request path (docs/access.md): the key a request shows, what it may use,
 * and its rate limits and budget. With no key in the store and keys not required, it costs a
 * boolean per request (and one store read a second, to notice the first key made elsewhere).
 */
import type { AccessStoreV1, RequestRecordV1 } from '@ai-gateway/spec';
import { keyRefused, notAllowed, storeUnavailable } from './access-errors.js';
import { createKeyLookup, type KeyLookup, type KnownKey } from './key-lookup.js';
import { hashKeySecret, sameText } from './key-secret.js';
import { presentedKey } from './presented-key.js';
import { createSettlementQueue } from './settlement-queue.js';
import { takeLimits, type Reservation } from './take-limits.js';

export interface AccessOptions {
  /** Where keys and their counters live (runtime-node: SQLite, or Redis for many instances). */
  store: AccessStoreV1;
  /** Every request needs a key even while none exists (`AI_GATEWAY_REQUIRE_KEYS=true`). */
  requireKeys?: boolean;
}

/** What a request names, for the key's allowances and its budget. */
export interface RequestFacts {
  providers: readonly string[];
  models: readonly string[];
  /** The server-side config the request names (`x-portkey-config: "name"`), if any. */
  configName: string | undefined;
  /** Whether the request sends a config of its own (JSON in `x-portkey-config`). */
  ownConfig: boolean;
  /** A generous estimate of the input's tokens (for token limits and the budget's reservation). */
  inputTokens: number;
  /** The request's worst-case cost in US dollars (input estimated, output at its bound); null when no price is known. */
  worstCaseCost(): number | null;
}

/** A request let in with a key: what it took from the counters, settled from its record. */
export interface KeyGrant {
  known: KnownKey;
  secret: string;
  reservations: Reservation[];
  /** `x-ratelimit-*` headers for the answer. */
  headers: Record<string, string>;
}

export interface GatewayAccess {
  readonly store: AccessStoreV1;
  /** Whether requests need a key: true at once when required or when a key was seen, else a store read at most once a second. */
  isOn(): boolean | Promise<boolean>;
  /** The request's key, or a 401 (none, unknown, revoked, expired) or 503 (store down). */
  authenticate(headers: Headers): Promise<KeyGrant>;
  /** Checks what the request names (403) and takes its limits (429, 402). */
  admit(grant: KeyGrant, facts: RequestFacts): Promise<void>;
  /** Refuses (403) a virtual key the key may not use: not in its `allowed_virtual_keys`, or for a provider outside its `allowed_providers`. */
  allowVirtualKey(grant: KeyGrant, virtualKey: { id: string; provider: string }): void;
  /** Gives back what the request reserved beyond what it used, from its record (off the request path). */
  settle(grant: KeyGrant, record: RequestRecordV1): void;
  /** A key changed or revoked here: forgotten at once on this instance. */
  forget(hash: string): void;
  /** Adds every gathered settlement to the store now (shutdown). */
  flushSettlements(): Promise<void>;
  /** A key was made here: requests need keys from now on. */
  keysExist(): void;
}

const enablementCheckMs = 1_000;
/** Most remembered secret hashes; past it the memory starts over (a flood of random keys). */
const maxRememberedHashes = 10_000;

export function createGatewayAccess(options: AccessOptions, report: (message: string, fields: Record<string, unknown>) => void): GatewayAccess {
  const store = options.store;
  const lookup: KeyLookup = createKeyLookup(store);
  const settlements = createSettlementQueue(store, (counter, error) => report('a limit counter could not be settled', { store: store.name, counter, error: error.message }));
  // A busy key is shown on every request: its hash (an asynchronous digest) is made once.
  const hashes = new Map<string, string>();
  const hashOf = async (secret: string): Promise<string> => {
    const known = hashes.get(secret);
    if (known !== undefined) return known;
    const hash = await hashKeySecret(secret);
    if (hashes.size >= maxRememberedHashes) hashes.clear();
    hashes.set(secret, hash);
    return hash;
  };
  let on = options.requireKeys === true;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<boolean> | undefined;

  /** One log line per outage, not one per request. */
  let storeDown = false;
  const reportDown = (error: unknown, consequence: string) => {
    if (!storeDown) report(`the access store is unavailable: ${consequence}`, { store: store.name, error: (error as Error)?.message });
    storeDown = true;
  };
  const unavailable = (error: unknown) => {
    reportDown(error, 'requests that need a key check are refused with 503 until it answers');
    return storeUnavailable(error);
  };

  return {
    store,
    isOn() {
      if (on) return true;
      if (Date.now() - checkedAt < enablementCheckMs) return false;
      checking ??= store.hasKeys().then(
        (has) => {
          // A key once made keeps the check on: revoking every key does not open the gateway.
          on ||= has;
          storeDown = false;
          checkedAt = Date.now();
          checking = undefined;
          return on;
        },
        (error) => {
          // This instance has seen no key and none is required: it serves as a gateway without keys
          // would (AI_GATEWAY_REQUIRE_KEYS=true closes this), and asks again in a second.
          reportDown(error, 'no key has been seen by this instance, so requests are let in until it answers (AI_GATEWAY_REQUIRE_KEYS=true refuses them instead)');
          checkedAt = Date.now();
          checking = undefined;
          return false;
        },
      );
      return checking;
    },
    async authenticate(headers) {
      const secret = presentedKey(headers);
      if (!secret) throw keyRefused('This gateway needs a gateway key: send it as Authorization: Bearer aig-…, x-api-key or x-portkey-api-key.', 'missing_api_key');
      const hash = await hashOf(secret);
      let known: KnownKey | undefined;
      try {
        known = await lookup.find(hash);
      } catch (error) {
        throw unavailable(error);
      }
      storeDown = false;
      if (!known || !sameText(known.key.hash, hash)) throw keyRefused('Incorrect gateway key provided.');
      if (known.key.revoked_at) throw keyRefused('This gateway key was revoked.', 'revoked_api_key');
      if (known.expiresAt <= Date.now()) throw keyRefused('This gateway key has expired.', 'expired_api_key');
      return { known, secret, reservations: [], headers: {} };
    },
    async admit(grant, facts) {
      const { known } = grant;
      if (known.providers) {
        const refused = facts.providers.find((provider) => !known.providers!.has(provider));
        if (refused !== undefined) throw notAllowed(`This gateway key may not use provider '${refused}'.`, 'provider', 'provider_not_allowed');
      }
      if (known.configs) {
        if (facts.ownConfig) throw notAllowed('This gateway key may only use its allowed configs (allowed_configs): name one in x-portkey-config instead of sending a config of its own.', 'x-portkey-config', 'config_not_allowed');
        if (facts.configName !== undefined && !known.configs.has(facts.configName)) throw notAllowed(`This gateway key may not use config '${facts.configName}'.`, 'x-portkey-config', 'config_not_allowed');
      }
      if (known.models) {
        const refused = facts.models.find((model) => !known.models!.test(model));
        if (refused !== undefined) throw notAllowed(`This gateway key may not use model '${refused}'.`, 'model', 'model_not_allowed');
      }
      if (known.key.rate_limits || known.key.budget) await takeLimits(store, grant, facts, unavailable);
    },
    allowVirtualKey({ known }, virtualKey) {
      if (known.virtualKeys && !known.virtualKeys.has(virtualKey.id)) throw notAllowed(`This gateway key may not use virtual key '${virtualKey.id}'.`, 'virtual_key', 'virtual_key_not_allowed');
      if (known.providers && !known.providers.has(virtualKey.provider)) throw notAllowed(`This gateway key may not use provider '${virtualKey.provider}' (of virtual key '${virtualKey.id}').`, 'provider', 'provider_not_allowed');
    },
    settle(grant, record) {
      for (const reservation of grant.reservations) {
        const settlement = reservation.settle(record);
        if (settlement && settlement.amount !== 0) settlements.add(settlement);
      }
    },
    flushSettlements: () => settlements.flush(),
    forget: (hash) => lookup.forget(hash),
    keysExist() {
      on = true;
    },
  };
}
