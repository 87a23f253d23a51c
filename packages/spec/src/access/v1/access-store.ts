/**
 * Where gateway keys and the counters of their limits live. The gateway ships an in-memory store
 * (one process); runtime-node a SQLite file (one machine) and Redis (every instance that shares
 * it). A store may fail (a Redis that is down): the gateway then refuses the request with 503
 * `store_unavailable`, never lets it through unchecked.
 */
import type { GatewayKeyChangesV1, GatewayKeyV1 } from './gateway-key.js';
import type { VirtualKeyStoreV1 } from './virtual-key.js';

/**
 * The keys. Revoking keeps the key (it stays listed, with `revoked_at`), so a key once created
 * keeps the gateway's key check on.
 *
 * @example
 * ```ts
 * createGateway({ providers, access: { keys: createMemoryAccessStore() } });
 * ```
 */
export interface KeyStoreV1 {
  /** Names the store in operator logs (`memory`, `sqlite`, `redis`). */
  readonly name: string;
  /** Adds a key; its `id` and `hash` are new (the gateway makes them random). */
  create(key: GatewayKeyV1): Promise<void>;
  /** Every key, revoked ones too, oldest first. */
  list(): Promise<GatewayKeyV1[]>;
  get(id: string): Promise<GatewayKeyV1 | undefined>;
  /** The key whose secret hashes to `hash` (SHA-256, hex), revoked or not. */
  findByHash(hash: string): Promise<GatewayKeyV1 | undefined>;
  /** Applies `changes` (a field set to `null` is removed); the changed key, or undefined when there is none. */
  update(id: string, changes: { [Field in keyof GatewayKeyChangesV1]: GatewayKeyChangesV1[Field] | null }): Promise<GatewayKeyV1 | undefined>;
  /** Marks the key revoked at `at` (ISO 8601) unless it already is; the key, or undefined when there is none. */
  revoke(id: string, at: string): Promise<GatewayKeyV1 | undefined>;
  /** Whether any key was ever created (revoked ones count). */
  hasKeys(): Promise<boolean>;
  /** Releases connections or files; optional. */
  close?(): Promise<void>;
}

/** What an attempt to add to a limited counter found. */
export interface CounterTakeV1 {
  /** True when the amount was added: the total stays within the limit. */
  allowed: boolean;
  /** The counter after the attempt (unchanged when refused). */
  total: number;
}

/** One counter of a `takeAll`: what to add, and the limit its sum must stay within. */
export interface CounterTakeItemV1 {
  key: string;
  amount: number;
  limit: number;
  /** When the counter may be forgotten (milliseconds since 1970); absent: never. */
  expiresAt?: number;
}

/** What a `takeAll` found: every amount added, or none. */
export interface CounterTakeAllV1 {
  allowed: boolean;
  /** Each counter after the attempt, in the order asked (unchanged when refused). */
  totals: number[];
  /** The index of the first counter whose limit refused, or -1. */
  refused: number;
}

/**
 * Integer counters for rate limits and budgets, each under a key that names its window
 * (`rate:key_1:requests:28712345`), so a window's end is a new key. Every operation is atomic
 * across every gateway instance that shares the store: two instances never both take the last
 * unit of a limit.
 */
export interface CounterStoreV1 {
  readonly name: string;
  /**
   * Adds `amount` to the counter when the sum stays at or below `limit`; otherwise leaves it. A
   * counter that does not exist (or expired) counts 0. `expiresAt` (milliseconds since 1970)
   * is when the counter may be forgotten; absent: never.
   */
  take(key: string, amount: number, limit: number, expiresAt?: number): Promise<CounterTakeV1>;
  /**
   * `take` of several counters in one atomic step: all are added when every sum stays within its
   * limit, else none (a request's rate limits and budget, checked in one round trip).
   */
  takeAll(items: readonly CounterTakeItemV1[]): Promise<CounterTakeAllV1>;
  /** Adds `amount` (negative to give back) whatever the limit; the new total. */
  add(key: string, amount: number, expiresAt?: number): Promise<number>;
  /** The counter's value; 0 when there is none. */
  current(key: string): Promise<number>;
}

/** One backend holding keys, counters and virtual keys (each runtime store implements the three). */
export interface AccessStoreV1 extends KeyStoreV1, CounterStoreV1, VirtualKeyStoreV1 {
  readonly name: string;
}
