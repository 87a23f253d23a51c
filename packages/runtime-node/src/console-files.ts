/**
 * The console's files on Node: apps/console's build, copied into this package's `dist/console`
 * when it is built (scripts/copy-console.mjs), so an npm install carries them and the console
 * works with no network.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleAssetsFromFiles, type ConsoleAssets } from '@ai-gateway/core';

/**
 * `dist/console` of this package: the built module lives in `dist/`, the source in `src/` (tests),
 * and from either `../dist/console/` is the same folder.
 */
export const consoleFolder = fileURLToPath(new URL('../dist/console/', import.meta.url));

/**
 * The files under `folder`, listed once now: a request can reach only these, read when asked.
 * `undefined` when the folder is missing (a package built without the console).
 */
export function readConsoleFiles(folder = consoleFolder): ConsoleAssets | undefined {
  let entries: string[];
  try {
    entries = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  } catch {
    return undefined;
  }
  const files = entries.filter((entry) => statSync(join(folder, entry)).isFile()).map((entry) => entry.split(sep).join('/'));
  return consoleAssetsFromFiles(files, async (path) => new Uint8Array(await readFile(join(folder, path))));
}
