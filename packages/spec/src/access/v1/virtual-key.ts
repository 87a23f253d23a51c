/**
 * Virtual keys: a provider credential with its provider settings, stored once by the operator and
 * named by requests (`x-portkey-virtual-key`, `virtual_key` in a config target) instead of the
 * secret. The secrets are stored sealed (AES-GCM under a key derived from `AI_GATEWAY_SECRET_KEY`),
 * so a store, its files and its backups never hold them in plain text.
 */

/** A virtual key as stored. */
export interface VirtualKeyV1 {
  /** Chosen by the operator (`openai-prod`); what requests name. */
  id: string;
  /** The provider the credential is for (`openai`, `azure-openai`, `bedrock` ...). */
  provider: string;
  /**
   * The secrets, sealed: a JSON object of the `api_key` and every secret setting
   * (`aws_secret_access_key`, `vertex_service_account_json` ...), encrypted with AES-GCM, as
   * `v1.{iv}.{ciphertext}` (base64url). Always present, `{}` sealed when there is no secret, so
   * every stored key proves which secret key it was sealed with.
   */
  sealed_secrets: string;
  /** Provider settings that are not secret (`azure_resource_name`, `aws_region`), in plain text. */
  settings?: Record<string, unknown>;
  /** Where the provider is, when not at its own host (a private endpoint, a proxy); the operator's to set. */
  custom_host?: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601; the last rotation or change. */
  updated_at: string;
}

/** Where virtual keys live: the access store's backend (memory, SQLite, Redis). */
export interface VirtualKeyStoreV1 {
  /**
   * Writes `key`. `create`: only when no key has its id; `replace`: only when one has. Returns
   * false when that condition did not hold (nothing was written).
   */
  putVirtualKey(key: VirtualKeyV1, mode: 'create' | 'replace'): Promise<boolean>;
  getVirtualKey(id: string): Promise<VirtualKeyV1 | undefined>;
  /** Every virtual key, oldest first. */
  listVirtualKeys(): Promise<VirtualKeyV1[]>;
  /** Removes the key; false when there was none. */
  removeVirtualKey(id: string): Promise<boolean>;
}
