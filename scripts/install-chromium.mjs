/**
 * The console's browser tests drive Debian's `chromium` package with playwright-core (which brings
 * no browser of its own). A full setup installs the package when it is missing and the machine can:
 * Debian's apt-get, as root or with password-less sudo. Otherwise it says what to run, and the
 * browser tests fail naming the same command.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browserPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function canRun(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function installChromium() {
  if (process.env.CHROMIUM_PATH || browserPaths.some((path) => existsSync(path))) return;
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    console.log("[setup] the console's browser tests need Chromium: install it, or set CHROMIUM_PATH to one");
    return;
  }
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !canRun('sudo', ['-n', 'true'])) {
    console.log("[setup] the console's browser tests need Chromium: run sudo apt-get install chromium");
    return;
  }
  const run = (args) => {
    const [command, ...rest] = asRoot ? args : ['sudo', '-n', ...args];
    execFileSync(command, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  console.log("[setup] installing Debian's chromium for the console's browser tests (apt-get install chromium)");
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', 'chromium']);
}
