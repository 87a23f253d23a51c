/**
 * Checks of single setting values against what providers declare: the type of a config field,
 * the text of an `x-portkey-*` header (turned into its type), and the settings a provider needs on
 * every call. Each failure is a 400 that names the field or header.
 */
import { invalidRequest, type GatewayError } from '@ai-gateway/provider-utils';
import { closestName } from '../closest-name.js';
import type { ProviderSettingTypeV1, ProviderSettingV1, TargetOptions } from '@ai-gateway/spec';
import type { DeclaredSettings, ProviderSettingsIndex } from './provider-settings-index.js';

const expectations: Readonly<Record<ProviderSettingTypeV1, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  json: 'a JSON object (or a string holding one)',
};

/** `aws_region` -> `x-portkey-aws-region`, the header that sets it. */
export function settingHeader(name: string): string {
  return `x-portkey-${name.replaceAll('_', '-')}`;
}

/** Whether a config value has the declared type; null stands for "not set" whatever the type. */
export function fitsType(value: unknown, type: ProviderSettingTypeV1): boolean {
  if (value === null) return true;
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return typeof value === 'string' || (typeof value === 'object' && !Array.isArray(value));
  }
}

/** The 400 for a config value of the wrong type; `field` is its path in the config. */
export function invalidSettingValue(source: string, field: string, providerId: string, setting: ProviderSettingV1): GatewayError {
  return invalidRequest(
    `Invalid ${source}: '${field}' must be ${expectations[setting.type]} (${providerId}'s ${setting.name}: ${setting.description}).`,
    field,
    'invalid_setting',
  );
}

function unknownHeader(header: string, name: string, index: ProviderSettingsIndex, gatewayHeaders: Iterable<string>): GatewayError {
  const suggestion = closestName(header, [...index.allNames.map(settingHeader), ...gatewayHeaders]);
  return invalidRequest(
    `Unknown header ${header}: it is not one of the gateway's headers, and no provider of this gateway has the setting '${name}' it would set.${suggestion ? ` Did you mean ${suggestion}?` : ''} docs/providers.md lists each provider's settings.`,
    header,
    'unknown_setting',
  );
}

/**
 * The value of a provider-setting header in its declared type (`"3"` -> 3, `"true"` -> true).
 * A header applies to whichever target reads it, so it is unknown only when no registered
 * provider declares it (and none declares nothing, which may read anything).
 */
export function headerSettingValue(header: string, name: string, text: string, index: ProviderSettingsIndex, gatewayHeaders: Iterable<string>): unknown {
  const type = index.typeOf(name);
  if (type === undefined) {
    if (index.acceptsUndeclared) return text;
    throw unknownHeader(header, name, index, gatewayHeaders);
  }
  if (type === 'number') {
    const value = Number(text);
    if (text.trim() !== '' && Number.isFinite(value)) return value;
  } else if (type === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
  } else {
    return text;
  }
  throw invalidRequest(`Invalid ${header} header: expected ${expectations[type]}.`, header, 'invalid_setting');
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** Throws 400 `missing_<name>` for the first setting the provider needs on every call that the target lacks. */
export function checkRequiredSettings(declared: DeclaredSettings, target: TargetOptions): void {
  for (const setting of declared.required) {
    if (isSet(target.settings[setting.name])) continue;
    throw invalidRequest(
      `${declared.providerId} needs the setting ${setting.name} (${setting.description}): send the ${settingHeader(setting.name)} header or set \`${setting.name}\` in the config target.`,
      setting.name,
      `missing_${setting.name}`,
    );
  }
}
