// Rewrites the provider table in the repository README from the built providers.
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinProviders, withProviderTable } from '../dist/index.js';

const readmePath = new URL('../../../../README.md', import.meta.url);
writeFileSync(readmePath, withProviderTable(readFileSync(readmePath, 'utf8'), builtinProviders));
console.log('README provider table written');
