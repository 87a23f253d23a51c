/**
 * The contract package holds types and a few constants, nothing that runs: a provider author who
 * depends on it pulls in no code of the gateway's. Checked on the built output, which is what a
 * package manager installs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const builtEntry = new URL('../dist/index.js', import.meta.url);

describe('@ai-gateway/spec', () => {
  it('exports only constants: no function, no class', async () => {
    const exported = await import(builtEntry.href);
    const kinds = Object.fromEntries(Object.entries(exported).map(([name, value]) => [name, typeof value]));
    expect(Object.values(kinds).filter((kind) => kind === 'function')).toEqual([]);
    expect(Object.keys(kinds).sort()).toEqual(['allEndpoints', 'endpointRoutes']);
  });

  it('runs nothing when loaded: its built code is literals only', () => {
    const code = readFileSync(builtEntry, 'utf8').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/=>|\bfunction\b|\bclass\b|\bimport\b|\bnew\b|\(\)/);
  });

  it('depends on no package', () => {
    expect(Object.keys((packageJson as { dependencies?: object }).dependencies ?? {})).toEqual([]);
  });
});
