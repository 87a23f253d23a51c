/**
 * Seals signed reasoning for stateless clients. With `store: false` and
 * `include: ["reasoning.encrypted_content"]` (Codex's default), a client keeps the conversation
 * itself, and the next turn must give Anthropic back its thinking blocks exactly as it signed them.
 * The gateway hands the client the blocks as `encrypted_content`: AES-256-GCM under the
 * operator's secret key, bound to the caller's credential hash, so the client can neither read nor
 * alter them, nor replay another caller's. Web Crypto only, so every runtime seals the same way.
 */
import { GatewayError, type ThinkingBlock } from '@ai-gateway/provider-utils';
import { fromBase64Url, toBase64Url } from '../base64url.js';

/** Marks the gateway's own sealed content; any other `encrypted_content` is a native provider's and left alone. */
export const sealedReasoningPrefix = 'aigw1.';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ivBytes = 12;

export interface ReasoningSeal {
  seal(blocks: readonly ThinkingBlock[], ownerHash: string): Promise<string>;
  /** The blocks inside; a 400 `invalid_encrypted_content` naming `param` when they fail to authenticate. */
  open(sealed: string, ownerHash: string, param: string): Promise<ThinkingBlock[]>;
}

function unreadable(param: string): GatewayError {
  return new GatewayError(
    'The encrypted reasoning content could not be verified: it was changed, made for another key, or sealed by a gateway with another AI_GATEWAY_SECRET_KEY.',
    { status: 400, type: 'invalid_request_error', code: 'invalid_encrypted_content', param },
  );
}

/**
 * A seal under `secretKey` (32 bytes, from `AI_GATEWAY_SECRET_KEY`). Without one, a random key
 * made at start-up: sealed reasoning then opens only on this process until it restarts, so
 * several instances behind one address need the setting (docs/responses.md).
 */
export function createReasoningSeal(secretKey?: Uint8Array): ReasoningSeal {
  let key: Promise<CryptoKey> | undefined;
  const cryptoKey = () => (key ??= crypto.subtle.importKey('raw', secretKey ? new Uint8Array(secretKey) : crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt', 'decrypt']));
  return {
    async seal(blocks, ownerHash) {
      const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
      const plaintext = encoder.encode(JSON.stringify(blocks));
      const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(ownerHash) }, await cryptoKey(), plaintext));
      const sealed = new Uint8Array(ivBytes + ciphertext.byteLength);
      sealed.set(iv);
      sealed.set(ciphertext, ivBytes);
      return sealedReasoningPrefix + toBase64Url(sealed);
    },
    async open(sealed, ownerHash, param) {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = fromBase64Url(sealed.slice(sealedReasoningPrefix.length));
      } catch {
        throw unreadable(param);
      }
      if (bytes.byteLength <= ivBytes) throw unreadable(param);
      let plaintext: ArrayBuffer;
      try {
        plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, ivBytes), additionalData: encoder.encode(ownerHash) }, await cryptoKey(), bytes.subarray(ivBytes));
      } catch {
        throw unreadable(param);
      }
      return JSON.parse(decoder.decode(plaintext)) as ThinkingBlock[];
    },
  };
}
