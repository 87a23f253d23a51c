/**
 * The body of `POST /admin/virtual-keys` and `PATCH /admin/virtual-keys/{id}` (and the CLI's
 * flags, which build the same body). Each field is checked, settings against what the provider
 * declares, so a mistake answers 400 naming the field (`settings.azure_resource_nmae`).
 */
import type { ProviderSettingsIndex } from '../config/provider-settings-index.js';
import { fitsType } from '../config/setting-values.js';
import { closestName } from '../closest-name.js';
import { secretConfigField } from '../record/record-headers.js';
import { bad, isObject, refuseUnknown, text } from './key-fields.js';

/** What the admin API needs to check a virtual key: the registered providers and their settings. */
export interface VirtualKeyCatalogue {
  hasProvider(id: string): boolean;
  providerIds(): string[];
  settings: ProviderSettingsIndex;
}

export interface NewVirtualKeyFields {
  id: string;
  provider: string;
  api_key?: string;
  custom_host?: string;
  settings: Record<string, unknown>;
}

/** A patch: `null` removes the field (or the setting). */
export interface VirtualKeyFieldChanges {
  api_key?: string | null;
  custom_host?: string | null;
  settings?: Record<string, unknown>;
}

const newFields = ['id', 'provider', 'api_key', 'custom_host', 'settings'] as const;
const changeFields = ['api_key', 'custom_host', 'settings'] as const;
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const maxSecretLength = 64 * 1024;

/** Whether a setting holds a secret (sealed in the store, never shown): the names the request log redacts too. */
export function isSecretSetting(name: string): boolean {
  return secretConfigField.test(name);
}

function field(message: string, param: string): never {
  bad(message, param, 'invalid_virtual_key_field');
}

function secret(value: unknown, param: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxSecretLength) field(`'${param}' must be a non-empty string.`, param);
  return value;
}

function customHost(value: unknown): string {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/i.test(value)) field("'custom_host' must be an http(s) URL, the provider's base URL up to its version segment.", 'custom_host');
  return value;
}

/** Settings checked against the provider's declarations; with `allowNull`, null removes one. */
function settings(value: unknown, provider: string, catalogue: VirtualKeyCatalogue, allowNull: boolean): Record<string, unknown> {
  if (!isObject(value)) field("'settings' must be an object of the provider's settings.", 'settings');
  const declared = catalogue.settings.of(provider);
  const checked: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const param = `settings.${name}`;
    if (item === null && allowNull) {
      checked[name] = null;
      continue;
    }
    if (declared) {
      const setting = declared.byName.get(name);
      if (!setting) {
        const guess = closestName(name, declared.names);
        field(`'${param}' is not a setting of provider '${provider}'${guess ? ` (did you mean 'settings.${guess}'?)` : ''}. Its settings: ${declared.names.join(', ') || 'none'}.`, param);
      }
      if (item === null || !fitsType(item, setting.type)) field(`'${param}' must be of type ${setting.type}.`, param);
    } else if (item === null || (typeof item === 'object' && !isObject(item))) {
      field(`'${param}' must be a string, number, boolean or object.`, param);
    }
    checked[name] = item;
  }
  return checked;
}

/** Checks a create body: `id` and `provider` are required. */
export function parseNewVirtualKey(body: unknown, catalogue: VirtualKeyCatalogue): NewVirtualKeyFields {
  if (!isObject(body)) field('The body must be a JSON object: { "id", "provider", "api_key", "settings" }.', 'body');
  refuseUnknown(body, newFields, '');
  if (typeof body.id !== 'string' || !idPattern.test(body.id)) field("'id' is required: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.", 'id');
  const provider = text(body.provider ?? '', 'provider');
  if (!catalogue.hasProvider(provider)) {
    const guess = closestName(provider, catalogue.providerIds());
    field(`'provider' names no provider of this gateway: '${provider}'${guess ? ` (did you mean '${guess}'?)` : ''}.`, 'provider');
  }
  const fields: NewVirtualKeyFields = { id: body.id, provider, settings: {} };
  if (body.api_key !== undefined) fields.api_key = secret(body.api_key, 'api_key');
  if (body.custom_host !== undefined) fields.custom_host = customHost(body.custom_host);
  if (body.settings !== undefined) fields.settings = settings(body.settings, provider, catalogue, false);
  return fields;
}

/** Checks a patch body for a key of `provider`: rotating is `{ "api_key": "…" }`. */
export function parseVirtualKeyChanges(body: unknown, provider: string, catalogue: VirtualKeyCatalogue): VirtualKeyFieldChanges {
  if (!isObject(body)) field('The body must be a JSON object: { "api_key" } to rotate, or "custom_host", "settings".', 'body');
  refuseUnknown(body, changeFields, '');
  const changes: VirtualKeyFieldChanges = {};
  if (body.api_key !== undefined) changes.api_key = body.api_key === null ? null : secret(body.api_key, 'api_key');
  if (body.custom_host !== undefined) changes.custom_host = body.custom_host === null ? null : customHost(body.custom_host);
  if (body.settings !== undefined) changes.settings = settings(body.settings, provider, catalogue, true);
  if (Object.keys(changes).length === 0) field(`Nothing to change: give at least one of ${changeFields.join(', ')}.`, 'body');
  return changes;
}
