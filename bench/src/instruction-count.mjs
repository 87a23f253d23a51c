/**
 * CPU instructions per request, counted by valgrind's callgrind: the figure to compare builds by.
 * Passthrough requests by default; `--instructions-cases` counts other cases' requests too, JSON
 * or streamed (`anthropic:stream`), each in processes of their own. Timed CPU per request on a shared VM moves by 10-20% between runs of one build, more
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
 *
 * The counts have a mock upstream of their own that sends a stream's events without pauses
 * (mock-upstream-process.mjs otherwise waits 20 ms before the first and 1 ms between them), so that
 * 27,000 streamed requests take minutes, not hours, under valgrind. Its events then reach the
 * gateway in one or a few reads rather than one each: a streamed count holds every event's
 * translation but fewer socket reads than a model's pace would cause.
 */
import { join } from 'node:path';
import { Pool } from 'undici';
import { readStreamedAnswer } from './answer-text.mjs';
import { callgrindUnavailableReason, startUnderCallgrind } from './callgrind-process.mjs';
import { expectedStreamText } from './canned-responses.mjs';
import { cases } from './cases.mjs';
import { answerMismatch } from './probe.mjs';
import { launchProcess, readJsonLine } from './process-launcher.mjs';
import { benchDirectory, systems } from './systems.mjs';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
// The counting mock's stream: mock-upstream-process.mjs's default number of chunks, no pauses.
const countingMockSettings = { streamChunks: 20, firstChunkDelayMs: 0, chunkIntervalMs: 0 };

/**
 * @typedef {object} CountedKind what one count sends: a case's request, JSON or streamed
 * @property {string} key `anthropic`, or `anthropic:stream` for its streamed request
 * @property {import('./cases.mjs').BenchCase} benchCase
 * @property {boolean} stream
 */

/**
 * The kinds `--instructions-cases` names. Checked when the options are read (options.mjs).
 * @param {string} key a case id, with `:stream` for its streamed request
 * @returns {CountedKind}
 */
export function countedKind(key) {
  const [caseId, variant] = key.split(':');
  const benchCase = cases.find((candidate) => candidate.id === caseId);
  if (!benchCase) throw new Error(`[bench] unknown case '${caseId}' in --instructions-cases`);
  if (variant !== undefined && (variant !== 'stream' || !benchCase.streams)) throw new Error(`[bench] --instructions-cases: '${key}' is not a case id or the ':stream' of a case that streams`);
  return { key, benchCase, stream: variant === 'stream' };
}

/** The kind's label in logs and the report. @param {CountedKind} kind */
export const kindLabel = (kind) => `${kind.benchCase.label}${kind.stream ? ', streamed' : ''}`;

/**
 * Why an answer is not what the kind's client expects, or null: counting the instructions of an
 * error path, or of an answer in the wrong API, would flatter.
 * @param {CountedKind} kind @param {{ origin: string, failingOrigin: string }} upstreams @param {number} status @param {string} text
 */
function answerProblem(kind, upstreams, status, text) {
  const expectation = kind.benchCase.expectation(upstreams);
  if (!kind.stream || status !== 200) return answerMismatch(status, text, expectation);
  const answer = readStreamedAnswer(text, expectation.answerFormat ?? 'chat');
  return answer.complete && answer.text === expectedStreamText(countingMockSettings.streamChunks) ? null : 'the stream did not carry the upstream\'s answer to its end';
}

/** A system that does not serve a kind: reported n/a, like a case the probe finds unsupported. */
class NotServed extends Error {}

/**
 * Sends `count` requests one after another over one connection; any answer but a 200 stops the
 * measurement. The first answer of a process is checked in full (`check`), once, uninstrumented.
 * @param {Pool} pool @param {{ path: string, headers: Record<string, string>, body: string }} shape @param {number} count
 * @param {(status: number, text: string) => string | null} [check]
 */
async function sendSequentially(pool, shape, count, check) {
  for (let index = 0; index < count; index += 1) {
    const answer = await pool.request({ path: shape.path, method: 'POST', headers: shape.headers, body: shape.body });
    const text = await answer.body.text();
    if (index === 0 && check) {
      const problem = check(answer.statusCode, text);
      if (problem) throw new NotServed(problem);
    }
    if (answer.statusCode !== 200) throw new Error(`answered ${answer.statusCode}: ${text.slice(0, 200)}`);
  }
}

/**
 * @typedef {object} CountSettings
 * @property {import('./systems.mjs').SystemDefinition} system
 * @property {CountedKind} kind
 * @property {{ origin: string, failingOrigin: string }} upstreams
 * @property {import('./systems.mjs').StartContext} startContext
 * @property {number} warmUpRequests
 * @property {number} measuredRequests
 * @property {number} runs
 */

/** One process: start, warm up uninstrumented, count one window. @param {CountSettings} settings */
async function countOneProcess(settings) {
  const { system, kind, upstreams, warmUpRequests, measuredRequests } = settings;
  // See the top of this file for why.
  const nodeFlags = [...settings.startContext.nodeFlags, '--predictable'];
  const counted = await startUnderCallgrind(system, { ...settings.startContext, nodeFlags });
  const pool = new Pool(counted.baseUrl, { connections: 1, headersTimeout: 120_000, bodyTimeout: 120_000 });
  try {
    const caseShape = kind.benchCase.gatewayRequest(upstreams, { stream: kind.stream });
    const shape = { ...caseShape, headers: { ...caseShape.headers, ...counted.headers } };
    await sendSequentially(pool, shape, warmUpRequests, (status, text) => answerProblem(kind, upstreams, status, text));
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
  const { system, kind, warmUpRequests, measuredRequests, runs } = settings;
  // Passthrough's lines read as they always have; another kind names itself.
  const name = kind.key === 'passthrough' ? system.label : `${system.label}, ${kindLabel(kind)}`;
  /** @type {{ mainThread: number, otherThreads: number }[]} */
  const counts = [];
  try {
    for (let index = 0; index < runs; index += 1) {
      log(`${name}: counting instructions under callgrind, run ${index + 1} of ${runs} (${warmUpRequests} requests to warm up, ${measuredRequests} counted)`);
      counts.push(await countOneProcess(settings));
      log(`${name}: ${counts.at(-1)?.mainThread} instructions per request on the main thread`);
    }
  } catch (error) {
    const reason = error.message.split('\n')[0];
    log(`${name}: instructions not counted (${reason})`);
    return { status: error instanceof NotServed ? 'n/a' : 'failed', reason };
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
 * when not asked for. `bySystem` holds the passthrough counts (what the baseline and the ratio to
 * Portkey are about), `byCase` every other kind's, by its key; it is absent when only passthrough
 * is counted.
 * @param {{ systems: string[], instructionsCases: string[], instructionsWarmUp: number, instructionsRequests: number, instructionsRuns: number }} options
 * @param {string | undefined} cpu a taskset CPU list for the gateways
 */
export async function countInstructionsOfEach(options, cpu) {
  if (options.instructionsRequests === 0 || options.instructionsCases.length === 0) return null;
  // The Node that runs every Node gateway: counts on another V8 are not comparable.
  const settings = { warmUpRequests: options.instructionsWarmUp, measuredRequests: options.instructionsRequests, runs: options.instructionsRuns, node: process.version };
  const unavailable = await callgrindUnavailableReason();
  if (unavailable) return { ...settings, skipped: unavailable, bySystem: {} };
  const kinds = options.instructionsCases.map(countedKind);
  const mock = launchProcess(process.execPath, [join(benchDirectory, 'src/mock-upstream-process.mjs'), JSON.stringify(countingMockSettings)]);
  /** @type {Record<string, any>} */
  const bySystem = {};
  /** @type {Record<string, { label: string, bySystem: Record<string, any> }>} */
  const byCase = Object.fromEntries(kinds.filter((kind) => kind.key !== 'passthrough').map((kind) => [kind.key, { label: kindLabel(kind), bySystem: {} }]));
  try {
    const ports = await readJsonLine(mock);
    const upstreams = { origin: `http://127.0.0.1:${ports.port}`, failingOrigin: `http://127.0.0.1:${ports.failingPort}` };
    for (const system of systems.filter((candidate) => options.systems.includes(candidate.id) && !candidate.isFloor && !candidate.unavailableReason())) {
      const startContext = { mockOrigin: upstreams.origin, cpu, nodeFlags: [] };
      for (const kind of kinds) {
        const counts = kind.key === 'passthrough' ? bySystem : byCase[kind.key].bySystem;
        if (system.notUnderValgrind) counts[system.id] = { status: 'n/a', reason: system.notUnderValgrind };
        else if (system.onlyCases && !system.onlyCases.includes(kind.benchCase.id)) counts[system.id] = { status: 'n/a', reason: `${system.label} serves the ${system.onlyCases.join(', ')} case only` };
        else counts[system.id] = await countInstructions({ ...settings, system, kind, upstreams, startContext });
      }
    }
  } finally {
    await mock.stop();
  }
  return { ...settings, bySystem, ...(Object.keys(byCase).length > 0 ? { byCase } : {}) };
}
