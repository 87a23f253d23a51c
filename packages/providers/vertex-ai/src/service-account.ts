/**
 * A Google service account key (the JSON file Google Cloud issues), reduced to what the token
 * exchange needs. https://cloud.google.com/iam/docs/keys-create-delete
 */
import { invalidRequest } from '@ai-gateway/provider-utils';

export interface ServiceAccount {
  clientEmail: string;
  /** PKCS#8 PEM, as Google issues it. */
  privateKey: string;
  privateKeyId?: string;
  tokenUri: string;
  projectId?: string;
}

export const defaultTokenUri = 'https://oauth2.googleapis.com/token';

/**
 * Only Google's own token endpoints are called: the key file comes with the request, and an
 * arbitrary `token_uri` would let a caller make the gateway post to any address.
 */
function isGoogleTokenUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' && (url.hostname === 'googleapis.com' || url.hostname.endsWith('.googleapis.com'));
  } catch {
    return false;
  }
}

/**
 * Reads a service account from a JSON string (a header) or an object (a config field).
 * Throws a 400 naming `source` when it is not one.
 */
export function parseServiceAccount(value: unknown, source: string): ServiceAccount {
  let json: Record<string, unknown>;
  try {
    json = typeof value === 'string' ? JSON.parse(value) : (value as Record<string, unknown>);
  } catch {
    throw invalidRequest(`The ${source} is not valid JSON.`, 'vertex_service_account_json', 'invalid_service_account');
  }
  if (typeof json !== 'object' || json === null || typeof json.client_email !== 'string' || typeof json.private_key !== 'string') {
    throw invalidRequest(`The ${source} needs client_email and private_key, as in the key file Google Cloud issues.`, 'vertex_service_account_json', 'invalid_service_account');
  }
  const tokenUri = typeof json.token_uri === 'string' && json.token_uri !== '' ? json.token_uri : defaultTokenUri;
  if (!isGoogleTokenUri(tokenUri)) {
    throw invalidRequest(`The ${source} has a token_uri outside googleapis.com, which the gateway does not call.`, 'vertex_service_account_json', 'invalid_service_account');
  }
  return {
    clientEmail: json.client_email,
    privateKey: json.private_key,
    privateKeyId: typeof json.private_key_id === 'string' ? json.private_key_id : undefined,
    tokenUri,
    projectId: typeof json.project_id === 'string' && json.project_id !== '' ? json.project_id : undefined,
  };
}
