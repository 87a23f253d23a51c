/**
 * What `npm start` and `npm test` run first: install the dependencies (pnpm through npx, the
 * version of `packageManager`) and build. Each step says what it does, so a first run's minutes
 * are not a silent wait.
 *
 *   node scripts/setup.mjs                           everything: what the tests, the benchmark and
 *                                                    every runtime need
 *   node scripts/setup.mjs @ai-gateway/runtime-node  only what that package runs on and what builds
 *                                                    it (the root's `dependencies`: esbuild,
 *                                                    TypeScript, turbo, the type declarations the
 *                                                    builds read; the console it carries);
 *                                                    no test tools, benchmark or other runtimes
 *
 * A warm checkout skips the install when node_modules already holds what is asked. pnpm keeps a
 * copy of the lockfile it installed (node_modules/.pnpm/lock.yaml), but after a partial install
 * that copy says little, so this script also notes what it installed, for which lockfile, in
 * node_modules/.setup.json: a full install is current when pnpm's copy equals pnpm-lock.yaml and no
 * partial install came after it; a partial one when a full install is current, or the note names
 * the same package and lockfile. The build is turbo's, which replays unchanged packages from its
 * cache. A full setup also makes sure Debian's Chromium is there for the console's browser tests.
 */
import { execFileSync } from 'node:child_process';
import { installChromium } from './install-chromium.mjs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const packageManager = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).packageManager;
const pnpm = ['-y', packageManager];
const only = process.argv[2];
const notePath = 'node_modules/.setup.json';
const consolePackage = '@ai-gateway/console';

function read(path) {
  try {
    return readFileSync(new URL(path, root));
  } catch {
    return undefined;
  }
}

function run(args) {
  execFileSync('npx', [...pnpm, ...args], { stdio: 'inherit', cwd: root });
}

/** The workspace's packages by name, from the folders pnpm-workspace.yaml lists. */
function workspacePackages() {
  const packages = new Map();
  for (const folder of ['packages', 'packages/providers', 'apps']) {
    for (const entry of readdirSync(new URL(folder, root), { withFileTypes: true })) {
      const manifest = entry.isDirectory() && read(`${folder}/${entry.name}/package.json`);
      if (manifest) {
        const parsed = JSON.parse(manifest);
        packages.set(parsed.name, parsed);
      }
    }
  }
  return packages;
}

/** `names` and every workspace package they depend on at run time (`dependencies`, not dev). */
function productionClosure(names) {
  const packages = workspacePackages();
  const found = new Set();
  const visit = (name) => {
    if (found.has(name) || !packages.has(name)) return;
    found.add(name);
    for (const dependency of Object.keys(packages.get(name).dependencies ?? {})) visit(dependency);
  };
  for (const name of names) visit(name);
  return found;
}

const lockfile = read('pnpm-lock.yaml');
const lockfileHash = createHash('sha256').update(lockfile ?? '').digest('hex');
const installedLockfile = read('node_modules/.pnpm/lock.yaml');
let note;
try {
  note = JSON.parse(read(notePath) ?? 'null');
} catch {
  note = null;
}
const fullInstallCurrent = lockfile !== undefined && installedLockfile?.equals(lockfile) === true && (note === null || note.scope === 'all');
const partialInstallCurrent = only !== undefined && note?.scope === only && note?.lockfile === lockfileHash;

if (fullInstallCurrent || partialInstallCurrent) {
  console.log(`[setup] node_modules matches pnpm-lock.yaml${only ? ` for ${only}` : ''}: no install needed`);
} else {
  // Going between a partial and a full install changes what pnpm includes, and pnpm then asks before
  // it empties node_modules; there is nobody to answer.
  const install = ['install', '--frozen-lockfile', '--config.confirm-modules-purge=false'];
  if (only) {
    // The console (apps/console) is built into the runtimes' packages, so its own dependencies are
    // part of what builds them.
    console.log(`[setup] installing what ${only} runs on and what builds it (${packageManager} install --prod --filter-prod ${only}... --filter-prod ${consolePackage}...)`);
    run([...install, '--prod', `--filter-prod=${only}...`, `--filter-prod=${consolePackage}...`]);
  } else {
    console.log(`[setup] installing dependencies (${packageManager} install --frozen-lockfile)`);
    run(install);
  }
  writeFileSync(new URL(notePath, root), `${JSON.stringify({ scope: only ?? 'all', lockfile: lockfileHash })}\n`);
}
console.log(`[setup] building${only ? ` ${only} and the workspace packages it uses` : ''} (turbo: unchanged packages come from its cache)`);
// turbo's `^build` follows devDependencies too (a runtime's tests use another runtime), whose own
// dependencies a partial install left out: a partial build names its packages and runs only theirs.
const buildFilters = only ? [...productionClosure([only, consolePackage])].map((name) => `--filter=${name}`).concat('--only') : [];
run(['turbo', 'run', 'build', ...buildFilters]);
if (!only) installChromium();
