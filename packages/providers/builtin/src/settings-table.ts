/**
 * docs/providers.md's table of provider settings, generated from what each provider declares
 * (`ProviderV1.settings`) so it cannot drift: `pnpm --filter @ai-gateway/providers run table`
 * rewrites it, and a test fails when it is stale.
 */
import type { ProviderV1 } from '@ai-gateway/spec';

export const settingsTableStartMarker = '<!-- provider-settings:start (generated: pnpm --filter @ai-gateway/providers run table) -->';
export const settingsTableEndMarker = '<!-- provider-settings:end -->';

function headerOf(name: string): string {
  return `x-portkey-${name.replaceAll('_', '-')}`;
}

export function providerSettingsTable(providers: readonly ProviderV1[]): string {
  const rows = providers.flatMap((provider) => (provider.settings ?? []).map((setting) =>
    `| \`${provider.id}\` | \`${setting.name}\` | \`${headerOf(setting.name)}\` | ${setting.type}${setting.required ? ', required' : ''} | ${setting.description.replaceAll('|', '\\|')} |`));
  const none = providers.filter((provider) => provider.settings !== undefined && provider.settings.length === 0).map((provider) => `\`${provider.id}\``);
  return [
    '| provider | config field | header | type | what it is |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `No settings (any provider-specific field or header for them answers 400): ${none.join(', ')}.`,
  ].join('\n');
}

/** The document with its settings table replaced. */
export function withProviderSettingsTable(document: string, providers: readonly ProviderV1[]): string {
  const start = document.indexOf(settingsTableStartMarker);
  const end = document.indexOf(settingsTableEndMarker);
  if (start === -1 || end === -1) throw new Error('[ai-gateway] docs/providers.md has no provider settings table markers');
  return `${document.slice(0, start + settingsTableStartMarker.length)}\n${providerSettingsTable(providers)}\n${document.slice(end)}`;
}
