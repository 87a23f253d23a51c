/**
 * The settings every registered provider declares (`ProviderV1.settings`), indexed once when the
 * gateway is created, so checking a request's settings is a few map reads. A declaration that
 * could never work (a name that is not snake_case, one of the config's own fields, a name two
 * providers give different types) is a programming error and throws at start-up.
 */
import type { ProviderSettingTypeV1, ProviderSettingV1, ProviderV1 } from '@ai-gateway/spec';
import { routingFields } from './target-fields.js';

/** What one provider declares. */
export interface DeclaredSettings {
  readonly providerId: string;
  readonly byName: ReadonlyMap<string, ProviderSettingV1>;
  /** The settings every call needs (`required: true`). */
  readonly required: readonly ProviderSettingV1[];
  /** Its setting names, sorted, for error messages ("aws_region, aws_session_token"). */
  readonly names: readonly string[];
}

export interface ProviderSettingsIndex {
  /** What the provider declares; undefined when it declares nothing (or is not registered), and goes unchecked. */
  of(providerId: string): DeclaredSettings | undefined;
  /** The type of a setting some provider declares, for its `x-portkey-*` header; undefined when none does. */
  typeOf(name: string): ProviderSettingTypeV1 | undefined;
  /** Every declared name, for "did you mean" suggestions. */
  readonly allNames: readonly string[];
  /** True when some registered provider declares no settings: any header may be meant for it. */
  readonly acceptsUndeclared: boolean;
}

const settingTypes: ReadonlySet<string> = new Set<ProviderSettingTypeV1>(['string', 'number', 'boolean', 'json']);
const namePattern = /^[a-z][a-z0-9_]*$/;

function declarationError(provider: ProviderV1, setting: ProviderSettingV1, why: string): Error {
  return new Error(`[ai-gateway] provider '${provider.id}' declares the setting '${String(setting?.name)}', ${why}`);
}

function indexProvider(provider: ProviderV1, declared: readonly ProviderSettingV1[]): DeclaredSettings {
  const byName = new Map<string, ProviderSettingV1>();
  for (const setting of declared) {
    if (typeof setting?.name !== 'string' || !namePattern.test(setting.name)) throw declarationError(provider, setting, 'which is not a snake_case name');
    if (routingFields.has(setting.name)) throw declarationError(provider, setting, 'which is a config field of the gateway itself');
    if (!settingTypes.has(setting.type)) throw declarationError(provider, setting, `with the unknown type '${String(setting.type)}'`);
    if (byName.has(setting.name)) throw declarationError(provider, setting, 'twice');
    byName.set(setting.name, setting);
  }
  return {
    providerId: provider.id,
    byName,
    required: declared.filter((setting) => setting.required === true),
    names: [...byName.keys()].sort(),
  };
}

/** Indexes the providers' declarations; throws naming the provider and setting when one cannot work. */
export function createProviderSettingsIndex(providers: readonly ProviderV1[]): ProviderSettingsIndex {
  const byProvider = new Map<string, DeclaredSettings>();
  // A header applies to every target of a request, so a name means one type whichever provider reads it.
  const types = new Map<string, { type: ProviderSettingTypeV1; providerId: string }>();
  let acceptsUndeclared = false;
  for (const provider of providers) {
    if (provider.settings === undefined) {
      acceptsUndeclared = true;
      continue;
    }
    const declared = indexProvider(provider, provider.settings);
    byProvider.set(provider.id, declared);
    for (const setting of declared.byName.values()) {
      const earlier = types.get(setting.name);
      if (earlier && earlier.type !== setting.type) {
        throw declarationError(provider, setting, `as a ${setting.type}, but provider '${earlier.providerId}' declares it as a ${earlier.type}; a header sets it for both, so it needs one type`);
      }
      types.set(setting.name, { type: setting.type, providerId: provider.id });
    }
  }
  return {
    of: (providerId) => byProvider.get(providerId),
    typeOf: (name) => types.get(name)?.type,
    allNames: [...types.keys()].sort(),
    acceptsUndeclared,
  };
}
