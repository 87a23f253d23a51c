import type { TargetOptions } from '@ai-gateway/spec';

/**
 * The first of `names` that the target sets to a non-empty string, trimmed; `undefined` when none
 * is. Core has already checked each setting against the provider's declared type, so a provider
 * reads its settings with this and nothing more; an empty or blank value counts as not set, as
 * an empty header does.
 *
 * @example
 * ```ts
 * const resource = stringSetting(target, 'resource_name', 'azure_resource_name');
 * ```
 */
export function stringSetting(target: Pick<TargetOptions, 'settings'>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = target.settings[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}
