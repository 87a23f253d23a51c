// Rewrites the provider table in the repository README and the settings table in docs/providers.md
// from the built providers.
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinProviders, withProviderSettingsTable, withProviderTable } from '../dist/index.js';

const readmePath = new URL('../../../../README.md', import.meta.url);
writeFileSync(readmePath, withProviderTable(readFileSync(readmePath, 'utf8'), builtinProviders));
console.log('README provider table written');
const settingsPath = new URL('../../../../docs/providers.md', import.meta.url);
writeFileSync(settingsPath, withProviderSettingsTable(readFileSync(settingsPath, 'utf8'), builtinProviders));
console.log('docs/providers.md settings table written');
