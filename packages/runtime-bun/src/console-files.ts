/**
 * The console's files on Bun: apps/console's build, copied into this package's `dist/console`
 * when it is built (scripts/copy-console.mjs), listed once at start-up with Bun's Glob and read
 * with `Bun.file`, so a request can reach those files and no others.
 */
import { consoleAssetsFromFiles, type ConsoleAssets } from '@ai-gateway/core';

// Bun's globals, declared here so the package type-checks without Bun's types installed.
declare const Bun: {
  Glob: new (pattern: string) => { scanSync(options: { cwd: string; onlyFiles: boolean }): Iterable<string> };
  file(path: string): Blob;
  fileURLToPath(url: URL): string;
};

/**
 * The files of `dist/console` of this package: the built module lives in `dist/`, and from there
 * (or from `src/`) `../dist/console/` is that folder. `undefined` when it is missing.
 */
export function readConsoleFiles(): ConsoleAssets | undefined {
  const folder = Bun.fileURLToPath(new URL('../dist/console/', import.meta.url));
  let files: string[];
  try {
    files = [...new Bun.Glob('**/*').scanSync({ cwd: folder, onlyFiles: true })].map((path) => path.replaceAll('\\', '/'));
  } catch {
    return undefined;
  }
  if (files.length === 0) return undefined;
  return consoleAssetsFromFiles(files, async (path) => Bun.file(`${folder}/${path}`));
}
