/**
 * A workspace package as a user gets it from npm: `pnpm pack` of the package and of the workspace
 * packages it depends on (packing turns `workspace:` ranges into versions and applies
 * `publishConfig`), then a plain `npm install` into an empty folder outside the repository. npm
 * takes the @ai-gateway packages from those tarballs (through `overrides`, so the folder's
 * package.json names only the one package, as after `npm i <package>`) and everything else from
 * the registry.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const packageManager: string = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')).packageManager;

export interface PackedInstall {
  /** The folder holding package.json and node_modules, outside the repository. */
  folder: string;
  /** Names of the @ai-gateway packages npm installed. */
  installed: string[];
  /** The environment to run commands in the folder with: the surrounding npm and pnpm settings removed, nothing of the repository on PATH. */
  environment: NodeJS.ProcessEnv;
  remove(): void;
}

/**
 * npm and pnpm hand their settings to the commands they run (`npm_config_*`, `npm_package_*`), and
 * npm would read them as its own: the surrounding `npx -y` says yes to every prompt, pnpm's names
 * make npm warn. Only the settings that say how to reach a registry pass on.
 */
const registrySettings = /^npm_config_(registry|cache|userconfig|globalconfig|cafile|ca|proxy|https_proxy|noproxy|strict_ssl)$/i;

function cleanEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_/i.test(name) && !registrySettings.test(name)) continue;
    environment[name] = value;
  }
  // The workspace's node_modules/.bin folders are on PATH when tests run under pnpm; the
  // installed folder must do without them.
  const root = resolve(repositoryRoot);
  environment.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => entry !== '' && resolve(entry) !== root && !resolve(entry).startsWith(root + sep))
    .join(delimiter);
  return environment;
}

interface PackedTarball {
  name: string;
  filename: string;
}

/**
 * Packs `packageName` and the workspace packages it depends on (not its dev dependencies) and
 * installs it with npm into a new folder under the system's temporary folder. Takes seconds with a
 * warm npm cache, up to a minute or so with a cold one.
 */
export async function installPacked(packageName: string): Promise<PackedInstall> {
  const folder = mkdtempSync(join(tmpdir(), 'ai-gateway-packed-'));
  // Retries: a build script npm started (node-gyp) may still be writing for a moment after npm exits.
  const remove = () => rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  try {
    const environment = cleanEnvironment();
    const tarballFolder = join(folder, 'tarballs');
    const appFolder = join(folder, 'app');
    mkdirSync(appFolder);
    const { stdout } = await run(
      'npx',
      ['-y', packageManager, '-r', `--filter-prod=${packageName}...`, 'pack', '--pack-destination', tarballFolder, '--json'],
      { cwd: repositoryRoot, env: environment, maxBuffer: 64 * 1024 * 1024 },
    );
    const tarballs = ([] as PackedTarball[]).concat(JSON.parse(stdout));
    const spec = (name: string) => `file:${tarballs.find((tarball) => tarball.name === name)!.filename}`;
    writeFileSync(
      join(appFolder, 'package.json'),
      JSON.stringify({
        name: 'packed-install',
        private: true,
        dependencies: { [packageName]: spec(packageName) },
        // npm requires an override of a direct dependency to match it exactly, which this does.
        overrides: Object.fromEntries(tarballs.map((tarball) => [tarball.name, spec(tarball.name)])),
      }, null, 2),
    );
    const npmInstall = () => run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: appFolder, env: environment, maxBuffer: 64 * 1024 * 1024 });
    // Once more on failure: on a loaded machine npm now and then fails a step of its own (a rename
    // it raced with); a second failure is the packages' and is reported.
    await npmInstall().catch(() => npmInstall());
    const scope = join(appFolder, 'node_modules', '@ai-gateway');
    const installed = existsSync(scope) ? readdirSync(scope).map((name) => `@ai-gateway/${name}`).sort() : [];
    return { folder: appFolder, installed, environment, remove };
  } catch (error) {
    try {
      remove();
    } catch {
      // The install's own failure is the one to report.
    }
    throw error;
  }
}

function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

/**
 * What is wrong with the installed @ai-gateway packages as published: a file their `exports`,
 * `main`, `types` or `bin` names that the tarball lacks, a `workspace:` range left in, or a
 * private package (never published, so no user could install it). Empty when all is well.
 */
export function packedPackageProblems(install: PackedInstall): string[] {
  const problems: string[] = [];
  for (const name of install.installed) {
    const folder = join(install.folder, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    if (manifest.private) problems.push(`${name} is private, so never published`);
    const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
    for (const target of [...exportTargets(manifest.exports), manifest.main, manifest.types, ...bins]) {
      if (typeof target === 'string' && !existsSync(join(folder, target))) problems.push(`${name} names ${target}, which its tarball lacks`);
    }
    for (const [dependency, range] of [...Object.entries(manifest.dependencies ?? {}), ...Object.entries(manifest.peerDependencies ?? {})]) {
      if (String(range).startsWith('workspace:')) problems.push(`${name} depends on ${dependency}@${range}`);
    }
  }
  return problems;
}
