/**
 * CPU instructions per passthrough request, counted by valgrind's callgrind: the figure to compare
 * builds by. Timed CPU per request on a shared VM moves by 10-20% between runs of one build, more
 * than most changes to the request path gain; the instructions that the same requests take through
 * the same code do not, once nothing that is counted depends on the clock.
 *
 * How a count is made, and why (bench/HISTORY.md, "Counts that repeat", has the measurements):
 * - Node runs with V8's `--predictable`: the optimising compiler and the GC work on the main
 *   thread, at points set by the work done, not by the clock or by other threads' progress.
 * - The readiness probe closes its connection (process-launcher.mjs). An idle keep-alive
 *   connection is closed by its client about a minute after start, which under callgrind fell in
 *   the warm-up or in the counted window depending on how busy the machine was; the closing socket
 *   deoptimised a dozen of Node's stream functions, and their recompilation (tens of millions of
 *   instructions) made one build read 280k, 353k or 450k per request.
 * - The gateway starts with callgrind's instrumentation off and answers `warmUpRequests`
 *   sequential requests at valgrind's plain speed (several times faster than callgrind's). V8
 *   keeps optimising functions that run once per request for the first 20,000 or so (a small
 *   function tiers up only after thousands of calls, and each compilation costs millions of
 *   instructions), and recompiles undici's WebAssembly HTTP parser on a background thread that
 *   `--predictable` does not cover; a window counted earlier counts the compilers too.
 * - Then counting is turned on for `measuredRequests` more, one window; a process's figure is the
 *   window's count divided by them.
 * - `runs` processes are counted one after another and the median is reported with every run's
 *   count, so an outlier shows and does not decide the figure.
 * Per request:
 * - `mainThread`: the JavaScript thread, where every request's work is serialised, and, under
 *   `--predictable`, all of the GC;
 * - `otherThreads`: the rest of the process's threads (what a runtime still does off its main thread).
 * The kernel's share (the socket writes and reads) is not counted: it is the same for every
 * system that makes the same system calls.
 */
import { Pool } from 'undici';
import { callgrindUnavailableReason, startUnderCallgrind } from './callgrind-process.mjs';
import { cases } from './cases.mjs';
import { systems } from './systems.mjs';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const passthrough = /** @type {import('./cases.mjs').BenchCase} */ (cases.find((benchCase) => benchCase.id === 'passthrough'));

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

/**
 * @typedef {object} CountSettings
 * @property {import('./systems.mjs').SystemDefinition} system
 * @property {{ origin: string, failingOrigin: string }} upstreams
 * @property {import('./systems.mjs').StartContext} startContext
 * @property {number} warmUpRequests
 * @property {number} measuredRequests
 * @property {number} runs
 */

/** One process: start, warm up uninstrumented, count one window. @param {CountSettings} settings */
async function countOneProcess(settings) {
  const { system, warmUpRequests, measuredRequests } = settings;
  // See the top of this file for why.
  const nodeFlags = [...settings.startContext.nodeFlags, '--predictable'];
  const counted = await startUnderCallgrind(system, { ...settings.startContext, nodeFlags });
  const pool = new Pool(counted.baseUrl, { connections: 1, headersTimeout: 120_000, bodyTimeout: 120_000 });
  try {
    const shape = passthrough.gatewayRequest(settings.upstreams, { stream: false });
    await sendSequentially(pool, shape, warmUpRequests);
    await counted.startCounting();
    await sendSequentially(pool, shape, measuredRequests);
    const counts = await counted.readCounts();
    return {
      mainThread: Math.round(counts.mainThread / measuredRequests),
      otherThreads: Math.round(counts.otherThreads / measuredRequests),
    };
  } finally {
    await pool.close();
    await counted.stop();
  }
}

/**
 * The median of `runs` counts of the system, each in a process of its own.
 * @param {CountSettings} settings
 */
export async function countInstructions(settings) {
  const { system, warmUpRequests, measuredRequests, runs } = settings;
  /** @type {{ mainThread: number, otherThreads: number }[]} */
  const counts = [];
  try {
    for (let index = 0; index < runs; index += 1) {
      log(`${system.label}: counting instructions under callgrind, run ${index + 1} of ${runs} (${warmUpRequests} requests to warm up, ${measuredRequests} counted)`);
      counts.push(await countOneProcess(settings));
      log(`${system.label}: ${counts.at(-1)?.mainThread} instructions per request on the main thread`);
    }
  } catch (error) {
    log(`${system.label}: instructions not counted (${error.message.split('\n')[0]})`);
    return { status: 'failed', reason: error.message.split('\n')[0] };
  }
  const sorted = [...counts].sort((left, right) => left.mainThread - right.mainThread);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return {
    status: 'measured',
    warmUpRequests,
    measuredRequests,
    mainThread: median.mainThread,
    otherThreads: median.otherThreads,
    runs: counts,
    // The largest difference between two runs, as a share of the median.
    spread: Math.round((10_000 * (sorted[sorted.length - 1].mainThread - sorted[0].mainThread)) / median.mainThread) / 10_000,
  };
}

/**
 * Instructions per request of every selected gateway that runs here, one after another, or null
 * when not asked for.
 * @param {{ systems: string[], instructionsWarmUp: number, instructionsRequests: number, instructionsRuns: number }} options
 * @param {{ origin: string, failingOrigin: string }} upstreams
 * @param {string | undefined} cpu a taskset CPU list for the gateways
 */
export async function countInstructionsOfEach(options, upstreams, cpu) {
  if (options.instructionsRequests === 0) return null;
  // The Node that runs every Node gateway: counts on another V8 are not comparable.
  const settings = { warmUpRequests: options.instructionsWarmUp, measuredRequests: options.instructionsRequests, runs: options.instructionsRuns, node: process.version };
  const unavailable = await callgrindUnavailableReason();
  if (unavailable) return { ...settings, skipped: unavailable, bySystem: {} };
  /** @type {Record<string, any>} */
  const bySystem = {};
  for (const system of systems.filter((candidate) => options.systems.includes(candidate.id) && !candidate.isFloor && !candidate.unavailableReason())) {
    const startContext = { mockOrigin: upstreams.origin, cpu, nodeFlags: [] };
    bySystem[system.id] = system.notUnderValgrind ? { status: 'n/a', reason: system.notUnderValgrind } : await countInstructions({ ...settings, system, upstreams, startContext });
  }
  return { ...settings, bySystem };
}
