/**
 * The README's provider table, generated from the providers themselves so it cannot drift:
 * `pnpm --filter @ai-gateway/providers run table` rewrites it, and a test fails when it is stale.
 */
import type { Endpoint, ProviderV1 } from '@ai-gateway/spec';

const columns: readonly [Endpoint, string][] = [
  ['chatComplete', 'chat'],
  ['complete', 'completions'],
  ['embed', 'embeddings'],
  ['imageGenerate', 'images'],
  ['createSpeech', 'speech'],
  ['createTranscription', 'transcriptions'],
  ['createTranslation', 'translations'],
  ['listModels', 'models'],
  ['messages', '/v1/messages native'],
  ['responses', '/v1/responses native'],
  ['proxy', 'other /v1 paths'],
];

export const tableStartMarker = '<!-- provider-table:start (generated: pnpm --filter @ai-gateway/providers run table) -->';
export const tableEndMarker = '<!-- provider-table:end -->';

export function providerTable(providers: readonly ProviderV1[]): string {
  const header = `| provider (\`x-portkey-provider\`) | ${columns.map(([, label]) => label).join(' | ')} |`;
  const divider = `| --- | ${columns.map(() => ':-:').join(' | ')} |`;
  const rows = providers.map((provider) => {
    const cells = columns.map(([endpoint]) => (provider.endpoints[endpoint] ? '✓' : ''));
    return `| \`${provider.id}\` ${provider.name ? `(${provider.name})` : ''} | ${cells.join(' | ')} |`;
  });
  return [header, divider, ...rows].join('\n');
}

/** The README with its table section replaced. */
export function withProviderTable(readme: string, providers: readonly ProviderV1[]): string {
  const start = readme.indexOf(tableStartMarker);
  const end = readme.indexOf(tableEndMarker);
  if (start === -1 || end === -1) throw new Error('[ai-gateway] README has no provider table markers');
  return `${readme.slice(0, start + tableStartMarker.length)}\n${providerTable(providers)}\n${readme.slice(end)}`;
}
