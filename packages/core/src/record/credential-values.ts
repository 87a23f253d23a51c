/**
 * The credentials a request came with and the ones its upstream calls were made with (a config's
 * `api_key`, an operator's key, AWS secrets, a service account, a password in a custom host). An
 * upstream may echo one back in its error ("Incorrect API key provided: sk-..."), and that message
 * becomes the record's error; so a record's texts are searched for these values, whatever shape
 * the message has, and each one found is replaced by `***`.
 */
import type { TargetOptions } from '@ai-gateway/spec';
import { headerNames } from '../request/portkey-headers.js';
import { rememberedByConfigText } from './config-header-memo.js';
import { isCredentialHeader, secretConfigField } from './record-headers.js';

/**
 * Shorter values are left alone: a placeholder key such as `test` would turn every word it is
 * part of into `***` and hide nothing worth hiding.
 */
const minimumSecretLength = 8;

const authorizationScheme = /^(?:bearer|basic|token)\s+/i;

/** What JSON.stringify writes differently inside a string: quotes, backslashes, control characters, surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes the control characters, which is what this finds.
const escapedInJson = /["\\\u0000-\u001f\ud800-\udfff]/;

function add(values: Set<string>, value: string): void {
  if (value.length < minimumSecretLength) return;
  values.add(value);
  // As it reads inside a JSON string (a service account's private key has newlines).
  if (escapedInJson.test(value)) {
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) values.add(escaped);
  }
}

/** Every string at any depth of `value`. */
function addStrings(values: Set<string>, value: unknown, depth: number): void {
  if (typeof value === 'string') add(values, value);
  else if (depth < 16 && typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) addStrings(values, item, depth + 1);
  }
}

/** The strings of a config's (or settings') credential fields, at any depth. */
function addSecretFields(values: Set<string>, value: unknown, depth: number): void {
  if (depth > 16 || typeof value !== 'object' || value === null) return;
  for (const [name, item] of Object.entries(value)) {
    if (secretConfigField.test(name)) addStrings(values, item, 0);
    else if (typeof item === 'string' && /^https?:\/\//i.test(item)) addUrlCredentials(values, item);
    else addSecretFields(values, item, depth + 1);
  }
}

function addUrlCredentials(values: Set<string>, text: string): void {
  // User info is written before an `@`: a URL without one has none (and needs no parsing).
  if (!text.includes('@')) return;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return;
  }
  if (url.username) add(values, decodeURIComponent(url.username));
  if (url.password) add(values, decodeURIComponent(url.password));
}

/** The credentials in a config header's JSON (none in a config's name, or in text that is not JSON). */
const configSecrets = rememberedByConfigText((text: string): readonly string[] => {
  if (!text.trimStart().startsWith('{')) return [];
  const found = new Set<string>();
  try {
    addSecretFields(found, JSON.parse(text), 0);
  } catch {
    // Not JSON: the request was refused, and the header is not kept either.
  }
  return [...found];
});

function addHeaderValue(values: Set<string>, name: string, value: string): void {
  if (name === headerNames.config) {
    for (const secret of configSecrets(value)) values.add(secret);
  } else if (name === headerNames.customHost) addUrlCredentials(values, value);
  else if (isCredentialHeader(name)) {
    add(values, value);
    add(values, value.replace(authorizationScheme, ''));
    if (value.trimStart().startsWith('{')) {
      try {
        addStrings(values, JSON.parse(value), 0);
      } catch {
        // A credential that only looks like JSON is taken out whole.
      }
    }
  }
}

/** The credential values of a request's headers and of the targets it called, longest first. */
export function credentialValues(headers: Headers, targets: readonly TargetOptions[]): string[] {
  const values = new Set<string>();
  headers.forEach((value, name) => {
    addHeaderValue(values, name, value);
  });
  for (const target of targets) {
    if (target.apiKey) add(values, target.apiKey);
    if (target.customHost) addUrlCredentials(values, target.customHost);
    addSecretFields(values, target.settings, 0);
  }
  // A longer value first, so a key that contains another is taken out whole.
  return [...values].sort((left, right) => right.length - left.length);
}

/** `text` with every one of `values` replaced by `***`. */
export function withoutCredentials(text: string, values: readonly string[]): string {
  let result = text;
  for (const value of values) if (result.includes(value)) result = result.split(value).join('***');
  return result;
}
