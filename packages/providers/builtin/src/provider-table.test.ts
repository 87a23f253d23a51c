import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinProviders } from './index.js';
import { providerTable, withProviderTable } from './provider-table.js';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe('the README provider table', () => {
  it('lists every built-in provider with exactly the endpoints it supports (run `pnpm --filter @ai-gateway/providers run table` if this fails)', () => {
    expect(withProviderTable(readme, builtinProviders)).toBe(readme);
  });

  it('marks what each provider serves', () => {
    const table = providerTable(builtinProviders);
    const anthropicRow = table.split('\n').find((row) => row.startsWith('| `anthropic`'))!;
    expect(anthropicRow).toContain('✓');
    const nomicRow = table.split('\n').find((row) => row.startsWith('| `nomic`'))!;
    expect(nomicRow.split('|').filter((cell) => cell.trim() === '✓')).toHaveLength(1);
  });
});
