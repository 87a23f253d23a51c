/**
 * One system started under valgrind's callgrind with instrumentation off, so that it runs its
 * warm-up at valgrind's plain speed (about 10x slower than native rather than callgrind's 50x);
 * `startCounting` turns instrumentation on and zeroes the counters, `readCounts` dumps them. Only
 * what happens between the two is counted.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Why instructions cannot be counted here, or null when valgrind and callgrind_control are installed. */
export async function callgrindUnavailableReason() {
  try {
    await run('valgrind', ['--version']);
    await run('callgrind_control', ['--version']);
    return null;
  } catch {
    return 'valgrind is not installed (Debian: apt-get install valgrind)';
  }
}

/** The `summary:` line of a callgrind dump: every instruction counted in it. */
function instructionsInDump(file) {
  const match = /^summary: (\d+)$/m.exec(readFileSync(file, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/**
 * callgrind_control returns once the dump was requested; the files appear when the process next
 * runs callgrind's command check, so wait for them.
 * @param {string} directory @param {number} timeoutMs
 */
async function waitForThreadDumps(directory, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  // With --separate-threads=yes a dump named by callgrind_control is `<file>.1-NN`, one per thread.
  const dumps = () => readdirSync(directory).filter((name) => /\.1-\d+$/.test(name)).sort();
  while (Date.now() < deadline) {
    const found = dumps();
    if (found.some((name) => name.endsWith('-01'))) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return dumps().map((name) => join(directory, name));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('callgrind wrote no dump');
}

/**
 * @param {import('./systems.mjs').SystemDefinition} system
 * @param {import('./systems.mjs').StartContext} startContext
 */
export async function startUnderCallgrind(system, startContext) {
  const directory = mkdtempSync(join(tmpdir(), `ai-gateway-callgrind-${system.id}-`));
  const launchPrefix = [
    'valgrind',
    '--tool=callgrind',
    '--instr-atstart=no',
    '--separate-threads=yes',
    // V8 writes and rewrites its machine code in memory.
    '--smc-check=all-non-file',
    `--callgrind-out-file=${join(directory, 'callgrind.out')}`,
  ];
  let running;
  try {
    running = await system.start({ ...startContext, launchPrefix, startTimeoutMs: 180_000 });
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const pid = String(running.pid);
  return {
    baseUrl: running.baseUrl,
    headers: running.headers,
    async startCounting() {
      await run('callgrind_control', ['--instr=on', pid]);
      await run('callgrind_control', ['--zero', pid]);
    },
    /** Instructions since `startCounting`: the main thread's, and all other threads' together. */
    async readCounts() {
      await run('callgrind_control', ['--dump', pid]);
      const [mainThread, ...otherThreads] = await waitForThreadDumps(directory);
      return {
        mainThread: instructionsInDump(mainThread),
        otherThreads: otherThreads.reduce((total, file) => total + instructionsInDump(file), 0),
      };
    },
    async stop() {
      await running.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
