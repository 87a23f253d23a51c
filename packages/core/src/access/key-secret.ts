/**
 * A gateway key's secret: `aig-` and 32 random bytes (base64url). Only its SHA-256 is stored; a
 * key shown to the gateway is hashed and looked up by that hash. An attacker who times the lookup
 * learns at most how a guess's hash begins, which tells nothing of a key's secret; the found hash
 * is compared again without early return all the same.
 */

/** Every gateway key starts with it, so a key in `Authorization` is told from a provider key. */
export const gatewayKeyPrefix = 'aig-';

/** Characters of the secret kept (with the prefix) to tell keys apart in lists. */
const shownCharacters = 8;

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** A new secret, `aig-` and 43 characters. */
export function newKeySecret(): string {
  return gatewayKeyPrefix + base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A new key id, `key_` and 16 characters. */
export function newKeyId(): string {
  return `key_${base64Url(crypto.getRandomValues(new Uint8Array(12)))}`;
}

/** What lists show of a secret: `aig-` and its first characters. */
export function shownPrefix(secret: string): string {
  return secret.slice(0, gatewayKeyPrefix.length + shownCharacters);
}

const encoder = new TextEncoder();

/** SHA-256 of the secret, hex. */
export async function hashKeySecret(secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(secret)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Compares without returning early, so the time taken does not tell how much of a guess was right. */
export function sameText(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let index = 0; index < expected.length; index += 1) {
    difference |= (given.charCodeAt(index) | 0) ^ expected.charCodeAt(index);
  }
  return difference === 0;
}
