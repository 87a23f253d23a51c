/**
 * Seals the secrets of virtual keys: AES-256-GCM with a random 12-byte IV per value, under a key
 * derived (HKDF-SHA-256) from `AI_GATEWAY_SECRET_KEY`, so the setting that seals reasoning for
 * stateless clients never encrypts two kinds of data under the same key. Each value is bound to
 * its virtual key's id (additional data): a sealed value copied onto another record does not open.
 */
import { fromBase64Url, toBase64Url } from '../base64url.js';

const version = 'v1';
const ivBytes = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The secrets of one virtual key: its `api_key` and secret settings. */
export type VirtualKeySecrets = Record<string, unknown>;

export interface VirtualKeySeal {
  seal(id: string, secrets: VirtualKeySecrets): Promise<string>;
  /** The secrets inside; throws `WrongSecretKeyError` when they do not open under this key. */
  open(id: string, sealed: string): Promise<VirtualKeySecrets>;
}

/** A sealed value that does not open: another `AI_GATEWAY_SECRET_KEY` sealed it, or it was changed. */
export class WrongSecretKeyError extends Error {
  constructor(id: string) {
    super(`[ai-gateway] the secrets of virtual key '${id}' do not open with AI_GATEWAY_SECRET_KEY: it is not the key they were sealed with (or the store was altered)`);
    this.name = 'WrongSecretKeyError';
  }
}

async function derivedKey(secretKey: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new Uint8Array(secretKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('ai-gateway virtual keys v1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A seal under `secretKey` (32 bytes, `AI_GATEWAY_SECRET_KEY`). */
export function createVirtualKeySeal(secretKey: Uint8Array): VirtualKeySeal {
  let key: Promise<CryptoKey> | undefined;
  const cryptoKey = () => (key ??= derivedKey(secretKey));
  return {
    async seal(id, secrets) {
      const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
      const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(id) }, await cryptoKey(), encoder.encode(JSON.stringify(secrets)));
      return `${version}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
    },
    async open(id, sealed) {
      const [prefix, iv, ciphertext] = sealed.split('.');
      if (prefix !== version || iv === undefined || ciphertext === undefined) throw new WrongSecretKeyError(id);
      try {
        const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: encoder.encode(id) }, await cryptoKey(), fromBase64Url(ciphertext));
        return JSON.parse(decoder.decode(plaintext)) as VirtualKeySecrets;
      } catch {
        throw new WrongSecretKeyError(id);
      }
    },
  };
}
