/** The source files a package ships, for tests that hold every package to a rule. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Every shipped source file under `folder`: build scripts, fixtures and tests are left out. */
export function shippedSourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder)) {
    if (['node_modules', 'dist', 'test', '__fixtures__', 'fixtures', 'scripts'].includes(entry)) continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) files.push(...shippedSourceFiles(path));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry) && !/\.test\.|\.d\.ts$|vitest\.config/.test(entry)) files.push(path);
  }
  return files;
}
