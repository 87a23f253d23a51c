/**
 * Debian's Chromium driven by playwright-core. The project's setup installs the `chromium` package
 * (`node scripts/setup.mjs` and `.ci/run`); without it the browser tests fail saying so.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => Boolean(path));

export function launchChromium(): Promise<Browser> {
  const executablePath = candidates.find((path) => existsSync(path));
  if (!executablePath) throw new Error(`No Chromium at ${candidates.join(', ')}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

/** Where screenshots go: apps/console/test-results/ (kept by CI as artifacts, ignored by git). */
export function artifactPath(name: string): string {
  const folder = fileURLToPath(new URL('../test-results/', import.meta.url));
  mkdirSync(folder, { recursive: true });
  return `${folder}${name}`;
}
