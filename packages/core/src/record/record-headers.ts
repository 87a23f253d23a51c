/**
 * The request headers a record keeps: everything that helps to understand or replay a request,
 * and no credential. Names that carry secrets are dropped by name and by shape; the config header
 * keeps its structure with every credential field taken out.
 */
import { headerNames } from '../request/portkey-headers.js';
import { redactSecrets } from '../security/redact.js';
import { rememberedByConfigText } from './config-header-memo.js';

const droppedNames = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'x-goog-api-key',
  headerNames.apiKey, headerNames.virtualKey,
]);

/** Any name that looks like it holds a credential: `x-portkey-aws-secret-access-key`, `x-portkey-vertex-service-account-json`, `x-acme-token`. */
const secretLookingName = /key|secret|token|auth|password|credential|signature|session|service-account/i;

const portkeyPrefix = 'x-portkey-';

/** Config fields that hold credentials, at any depth (and provider settings of the same names). */
export const secretConfigField = /key|secret|token|password|credential|service_account|authorization/i;

function withoutSecretFields(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 16 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => withoutSecretFields(item, depth + 1));
  const kept: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    kept[name] = secretConfigField.test(name) ? '***' : withoutSecretFields(item, depth + 1);
  }
  return kept;
}

/** The config header without its credentials; a header that is not JSON (a config's name) stays as it is. */
const redactedConfig = rememberedByConfigText((text: string): string => {
  if (!text.trimStart().startsWith('{')) return text;
  try {
    return JSON.stringify(withoutSecretFields(JSON.parse(text), 0));
  } catch {
    return '***';
  }
});

/** Whether a header of this name holds a credential; names repeat from request to request, so each is judged once. */
const credentialNames = new Map<string, boolean>();
const maxJudgedNames = 4096;

/** A header a record never keeps: a credential by its name, or by the look of its name. */
export function isCredentialHeader(name: string): boolean {
  let credential = credentialNames.get(name);
  if (credential === undefined) {
    // `portkey` itself has `key` in it: the test reads the part after the prefix.
    credential = droppedNames.has(name) || secretLookingName.test(name.startsWith(portkeyPrefix) ? name.slice(portkeyPrefix.length) : name);
    if (credentialNames.size < maxJudgedNames) credentialNames.set(name, credential);
  }
  return credential;
}

/** Only a value with a URL's user info, a query or a bearer token has anything redactSecrets takes out. */
function mayHoldSecret(value: string): boolean {
  return value.includes('@') || value.includes('?') || value.includes('earer');
}

export function recordedHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name === headerNames.config) kept[name] = redactedConfig(value);
    else if (!isCredentialHeader(name)) kept[name] = mayHoldSecret(value) ? redactSecrets(value) : value;
  });
  return kept;
}
