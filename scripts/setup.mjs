/**
 * What `npm start` and `npm test` run first: install the dependencies (pnpm through npx, the
 * version of `packageManager`) and build. A warm checkout skips the install when node_modules
 * already holds exactly what the lockfile says (pnpm keeps a copy of the lockfile it installed, at
 * node_modules/.pnpm/lock.yaml); the build is turbo's, which replays unchanged packages from its
 * cache. Each step says what it does, so a first run's minutes are not a silent wait.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const packageManager = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).packageManager;
const pnpm = ['-y', packageManager];

function sameBytes(first, second) {
  try {
    return readFileSync(new URL(first, root)).equals(readFileSync(new URL(second, root)));
  } catch {
    return false;
  }
}

function run(args) {
  execFileSync('npx', [...pnpm, ...args], { stdio: 'inherit', cwd: root });
}

if (sameBytes('pnpm-lock.yaml', 'node_modules/.pnpm/lock.yaml')) {
  console.log('[setup] node_modules matches pnpm-lock.yaml: no install needed');
} else {
  console.log(`[setup] installing dependencies (${packageManager} install --frozen-lockfile)`);
  run(['install', '--frozen-lockfile']);
}
console.log('[setup] building (turbo: unchanged packages come from its cache)');
run(['turbo', 'run', 'build']);
