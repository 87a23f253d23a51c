/**
 * The response cache's storage contract. Core ships a bounded in-memory store; a runtime can supply
 * a shared one (runtime-node: Redis) so that many gateway instances answer from the same entries.
 */

/** One cached answer, replayed as it was first sent to the client. */
export interface CachedAnswer {
  /** The answer's status (200: only plain successes are cached). */
  status: number;
  /** The answer's content type, kept as it was (`application/json`, `text/event-stream; charset=utf-8`). */
  contentType: string;
  /**
   * The body exactly as the client received it. A store keeps these bytes and hands them back as
   * they are, so a hit costs no serialisation; nobody may modify them.
   */
  body: Uint8Array;
}

/**
 * Where cached answers live. Keys are already hashes (64 hex characters, no secrets); a store only
 * keeps bytes for a while. A store may fail (a Redis that is down): the gateway then answers from
 * the upstream and reports the failure to the operator, never to the client.
 *
 * @example
 * ```ts
 * const cacheStore: CacheStore = {
 *   name: 'kv',
 *   get: async (key) => { const bytes = await kv.get(key, 'arrayBuffer'); return bytes ? decodeCachedAnswer(new Uint8Array(bytes)) : undefined; },
 *   set: (key, answer, ttlMs) => kv.put(key, encodeCachedAnswer(answer), { expirationTtl: Math.max(60, Math.ceil(ttlMs / 1000)) }),
 * };
 * createGateway({ providers, cacheStore });
 * ```
 */
export interface CacheStore {
  /** Names the store in operator logs (`memory`, `redis`). */
  readonly name: string;
  /** The live entry under `key`, or undefined when there is none (or it expired). */
  get(key: string): Promise<CachedAnswer | undefined>;
  /** Keeps `answer` under `key` for `ttlMs` milliseconds, replacing any entry there. */
  set(key: string, answer: CachedAnswer, ttlMs: number): Promise<void>;
  /** Releases connections; optional, for stores that hold any. */
  close?(): Promise<void>;
}
