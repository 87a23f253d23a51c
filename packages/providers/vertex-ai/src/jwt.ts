/**
 * The signed assertion of the OAuth 2.0 JWT bearer flow for service accounts, made with
 * WebCrypto (RS256 = RSASSA-PKCS1-v1_5 with SHA-256) so it runs on every runtime.
 * https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests
 */
import { GatewayError, invalidRequest } from '@ai-gateway/provider-utils';
import type { ServiceAccount } from './service-account.js';

export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';

const encoder = new TextEncoder();

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlJson(value: unknown): string {
  return base64Url(encoder.encode(JSON.stringify(value)));
}

/** PEM -> DER bytes. Keys pasted into a header often keep `\n` as two characters: both forms are read. */
function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  if (pem.includes('BEGIN RSA PRIVATE KEY')) {
    throw invalidRequest('The service account private_key must be PKCS#8 ("BEGIN PRIVATE KEY"), as Google issues it.', 'vertex_service_account_json', 'invalid_service_account');
  }
  const base64 = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\\n|\s/g, '');
  try {
    return Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  } catch {
    throw invalidRequest('The service account private_key is not a PEM key.', 'vertex_service_account_json', 'invalid_service_account');
  }
}

async function importSigningKey(pem: string): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('pkcs8', pemToDer(pem), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw invalidRequest('The service account private_key could not be read as an RSA key.', 'vertex_service_account_json', 'invalid_service_account');
  }
}

/**
 * Signs the assertion: issued by the service account, for the cloud-platform scope, addressed to
 * its token endpoint, valid for an hour (the longest Google accepts).
 */
export async function signServiceAccountJwt(account: ServiceAccount, nowSeconds: number): Promise<string> {
  const header = { alg: 'RS256', typ: 'JWT', ...(account.privateKeyId ? { kid: account.privateKeyId } : {}) };
  const claims = { iss: account.clientEmail, scope: cloudPlatformScope, aud: account.tokenUri, iat: nowSeconds, exp: nowSeconds + 3600 };
  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(claims)}`;
  const key = await importSigningKey(account.privateKey);
  const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, encoder.encode(signingInput)));
  return `${signingInput}.${base64Url(signature)}`;
}
