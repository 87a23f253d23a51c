/**
 * CPU instructions per request, counted by valgrind's callgrind. Wall-clock CPU time on a shared
 * VM moves by 10-20% between runs of the same build, more than most single changes to the request
 * path gain; an instruction count of the same code and the same requests does not, once V8 is
 * made to do its own work at the same points every time. This is the figure for "did the change
 * make the request path cheaper", next to the timed figures that say what a client feels.
 *
 * Each gateway runs alone under callgrind (about 50x slower, which is why it is sequential and
 * short). It first answers `warmUpRequests` sequential passthrough requests, so the JIT has
 * compiled the request path, then the counters are zeroed, `measuredRequests` more are sent, and
 * the counters are dumped. Node runs with V8's `--predictable`: the optimising compiler and the GC
 * work on the main thread, and nothing V8 does depends on the clock. Without it, counts of one
 * build came out anywhere from 275k to 376k per request, and at 325k and 704k with the other CPU
 * busy: V8's heuristics read the clock, and a process running 50 times slower, or slower still on
 * a loaded machine, compiled and collected at other points. With it, counts of one build repeat
 * within about 0.1%, idle or loaded. Per request:
 * - `mainThread`: the JavaScript thread, where every request's work is serialised, including what
 *   the JIT still compiles after the warm-up (some functions tier up only after thousands of calls)
 *   and, under `--predictable`, all of the GC;
 * - `otherThreads`: the rest of the process's threads (what a runtime still does off its main thread).
 * The kernel's share (the socket writes and reads) is not counted: it is the same for every
 * system that makes the same system calls.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'undici';
import { cases } from './cases.mjs';

const run = promisify(execFile);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const passthrough = /** @type {import('./cases.mjs').BenchCase} */ (cases.find((benchCase) => benchCase.id === 'passthrough'));

/** Why instructions cannot be counted here, or null when valgrind and callgrind_control are installed. */
export async function instructionCountUnavailableReason() {
  try {
    await run('valgrind', ['--version']);
    await run('callgrind_control', ['--version']);
    return null;
  } catch {
    return 'valgrind is not installed (Debian: apt-get install valgrind)';
  }
}

/**
 * Sends `count` passthrough requests one after another over one connection; any answer but a 200
 * stops the measurement, since counting the instructions of an error path would flatter.
 * @param {Pool} pool @param {{ path: string, headers: Record<string, string>, body: string }} shape @param {number} count
 */
async function sendSequentially(pool, shape, count) {
  for (let index = 0; index < count; index += 1) {
    const answer = await pool.request({ path: shape.path, method: 'POST', headers: shape.headers, body: shape.body });
    const text = await answer.body.text();
    if (answer.statusCode !== 200) throw new Error(`answered ${answer.statusCode}: ${text.slice(0, 200)}`);
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
 * @param {{
 *   system: import('./systems.mjs').SystemDefinition,
 *   upstreams: { origin: string, failingOrigin: string },
 *   startContext: import('./systems.mjs').StartContext,
 *   warmUpRequests: number,
 *   measuredRequests: number,
 * }} settings
 */
export async function countInstructions(settings) {
  const { system, warmUpRequests, measuredRequests } = settings;
  const directory = mkdtempSync(join(tmpdir(), `ai-gateway-callgrind-${system.id}-`));
  const launchPrefix = ['valgrind', '--tool=callgrind', '--separate-threads=yes', '--smc-check=all-non-file', `--callgrind-out-file=${join(directory, 'callgrind.out')}`];
  /** @type {import('./systems.mjs').RunningSystem | undefined} */
  let running;
  let pool;
  try {
    // See the top of this file for why.
    const nodeFlags = [...settings.startContext.nodeFlags, '--predictable'];
    running = await system.start({ ...settings.startContext, nodeFlags, launchPrefix, startTimeoutMs: 180_000 });
    const shape = passthrough.gatewayRequest(settings.upstreams, { stream: false });
    pool = new Pool(running.baseUrl, { connections: 1, headersTimeout: 120_000, bodyTimeout: 120_000 });
    log(`${system.label}: counting instructions under callgrind (${warmUpRequests} requests to warm up, ${measuredRequests} counted)`);
    await sendSequentially(pool, shape, warmUpRequests);
    await run('callgrind_control', ['--zero', String(running.pid)]);
    await sendSequentially(pool, shape, measuredRequests);
    await run('callgrind_control', ['--dump', String(running.pid)]);
    const [mainThread, ...otherThreads] = await waitForThreadDumps(directory);
    const perRequest = (instructions) => Math.round(instructions / measuredRequests);
    return {
      status: 'measured',
      warmUpRequests,
      measuredRequests,
      mainThread: perRequest(instructionsInDump(mainThread)),
      otherThreads: perRequest(otherThreads.reduce((total, file) => total + instructionsInDump(file), 0)),
    };
  } catch (error) {
    log(`${system.label}: instructions not counted (${error.message.split('\n')[0]})`);
    return { status: 'failed', reason: error.message.split('\n')[0] };
  } finally {
    await pool?.close();
    await running?.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
