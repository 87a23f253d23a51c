/**
 * Gateway keys: what a client shows to use the gateway, and what the operator allows it. The
 * fields are spelled as the admin API and the CLI write them (`allowed_models`, `rate_limits`), so
 * a key travels from the API to the store and back without a mapping.
 */

/** Request-rate and token-rate limits of one key, per minute. */
export interface RateLimitsV1 {
  /** Requests a minute; past it the gateway answers 429. */
  requests_per_minute?: number;
  /** Input and output tokens a minute, counted from the answers' usage; past it 429. */
  tokens_per_minute?: number;
}

/** How much a key may spend, in US dollars, per period (UTC calendar day or month, or in total). */
export interface BudgetV1 {
  usd: number;
  period: 'day' | 'month' | 'total';
}

/** A gateway key as stored: never the secret, only its SHA-256. */
export interface GatewayKeyV1 {
  /** `key_` and random characters; names the key in the API, the CLI and the request log. */
  id: string;
  name: string;
  /** SHA-256 of the secret, hex. */
  hash: string;
  /** The secret's first characters (`aig-AbC1`), so an operator can tell keys apart. */
  prefix: string;
  /** Providers the key may use; absent: all. */
  allowed_providers?: string[];
  /** Models the key may name, as globs (`gpt-4o*`); absent: all. */
  allowed_models?: string[];
  /** Virtual keys (their ids) the key may name; absent: all. */
  allowed_virtual_keys?: string[];
  /** The server-side configs (by name, from the config file) the key may use; when set, a config of the request's own is refused. */
  allowed_configs?: string[];
  rate_limits?: RateLimitsV1;
  budget?: BudgetV1;
  /** ISO 8601; from then on the key is refused. */
  expires_at?: string;
  /** Added to the metadata of every request record made with the key. */
  metadata?: Record<string, string>;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601, set when the key was revoked; a revoked key is refused, and stays listed. */
  revoked_at?: string;
}

/** The fields of a key its owner may change after creation (`PATCH /admin/keys/{id}`). */
export type GatewayKeyChangesV1 = Partial<Pick<GatewayKeyV1, 'name' | 'allowed_providers' | 'allowed_models' | 'allowed_virtual_keys' | 'allowed_configs' | 'rate_limits' | 'budget' | 'expires_at' | 'metadata'>>;
