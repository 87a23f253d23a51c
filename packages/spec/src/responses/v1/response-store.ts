/**
 * Stored responses for `POST /v1/responses` on targets the gateway translates (providers that serve
 * the Responses API natively store their own). Core ships a bounded in-memory store; a runtime can
 * supply a shared one (runtime-node: Redis) so that a conversation continues on any instance.
 */
import type { JsonObject } from '../../provider/v1/provider.js';

/** A response the gateway answered for a translated target, kept so it can be read and continued. */
export interface StoredResponseV1 {
  readonly kind: 'response';
  /** The `response` object as the client received it (`store: true`). */
  response: JsonObject;
  /** The request's own `input`, as a list of items (what `GET /v1/responses/{id}/input_items` lists). */
  input: JsonObject[];
  /** The items before this request's input: the replayed conversation of its `previous_response_id`, if any. */
  conversation: JsonObject[];
  /** SHA-256 (hex) of the provider key that created it; only a request with the same key may read it. */
  ownerHash: string;
}

/** One output item of a stored response, under its own id, so `item_reference` items resolve. */
export interface StoredResponseItemV1 {
  readonly kind: 'item';
  item: JsonObject;
  /** The response that produced it. */
  responseId: string;
  ownerHash: string;
}

export type StoredResponseEntryV1 = StoredResponseV1 | StoredResponseItemV1;

/**
 * Where stored responses live, by id (`resp_…` for responses, `msg_…`, `fc_…`, `rs_…` for their
 * items). Values are JSON-serialisable. A store may fail (a Redis that is down): the gateway then
 * answers the request and reports the failure to the operator.
 *
 * @example
 * ```ts
 * const responseStore: ResponseStoreV1 = {
 *   name: 'kv',
 *   get: async (id) => (await kv.get(id, 'json')) ?? undefined,
 *   put: (id, entry, ttlMs) => kv.put(id, JSON.stringify(entry), { expirationTtl: Math.max(60, Math.ceil(ttlMs / 1000)) }),
 *   delete: (id) => kv.delete(id),
 * };
 * createGateway({ providers, responseStore });
 * ```
 */
export interface ResponseStoreV1 {
  /** Names the store in operator logs (`memory`, `redis`). */
  readonly name: string;
  /** The live entry under `id`, or undefined when there is none (or it expired). */
  get(id: string): Promise<StoredResponseEntryV1 | undefined>;
  /** Keeps `entry` under `id` for `ttlMs` milliseconds, replacing any entry there. */
  put(id: string, entry: StoredResponseEntryV1, ttlMs: number): Promise<void>;
  /** Removes the entry under `id`; true when there was one. */
  delete(id: string): Promise<boolean>;
  /** Releases connections; optional, for stores that hold any. */
  close?(): Promise<void>;
}
