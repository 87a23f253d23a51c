/**
 * `pnpm bench`: the upstream alone, then each gateway in turn, driven with the same settings;
 * writes <out>/latest.json, latest.md and latency-vs-load.svg.
 *
 * Processes: this one (orchestration and the autocannon load generator), the mock upstream, and
 * one gateway at a time. On two or more CPUs the load generator and the mock are pinned to CPU 0
 * and the gateway may run anywhere, so in practice its main thread has a CPU of its own while its
 * GC and compiler threads can still run beside it, as they would on any server.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { measureWorkersBundle } from './bundle-size.mjs';
import { cases } from './cases.mjs';
import { measureCpuStalls } from './cpu-stalls.mjs';
import { deriveFigures } from './figures.mjs';
import { renderLatencyChart } from './chart-svg.mjs';
import { measureHeadToHead } from './head-to-head.mjs';
import { countInstructionsOfEach } from './instruction-count.mjs';
import { countInstructionsOnly } from './instructions-only.mjs';
import { describeMachine } from './machine-info.mjs';
import { measureCase, readIdleResidentBytes } from './measure-system.mjs';
import { readOptions, usage } from './options.mjs';
import { launchProcess, readJsonLine } from './process-launcher.mjs';
import { renderMarkdownReport } from './report-markdown.mjs';
import { streamLoadSection } from './report-streams.mjs';
import { measureManyStreams } from './many-streams.mjs';
import { measureStreamPhase } from './stream-phase.mjs';
import { benchDirectory, bunBinary, systems } from './systems.mjs';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

const options = readOptions(process.argv.slice(2));
if (options.help) {
  process.stdout.write(usage);
  process.exit(0);
}
if (options.instructionsOnly) {
  await countInstructionsOnly(options);
  process.exit(0);
}
const startedAt = Date.now();
// Other work on the machine skews every figure; the load average before the run says how much there was.
const loadAverageAtStart = Math.round(loadavg()[0] * 100) / 100;
mkdirSync(options.out, { recursive: true });
// Before anything else runs: how often the machine itself stops each CPU (see cpu-stalls.mjs).
const cpuStalls = await measureCpuStalls(cpus().length, options.quick ? 1 : 2);
if (cpuStalls) log(`CPU stalls over 1 ms: ${cpuStalls.stallsOver1msPerSecond} per second per CPU, longest ${cpuStalls.longestMs} ms`);
if (options.pin) execFileSync('taskset', ['-p', '-c', String(options.harnessCpu), String(process.pid)], { stdio: 'ignore' });

const mockSettings = { streamChunks: options.streamChunks, firstChunkDelayMs: options.streamDelayMs, chunkIntervalMs: 1, responseDelayMs: 0 };
const mock = launchProcess(process.execPath, [join(benchDirectory, 'src/mock-upstream-process.mjs'), JSON.stringify(mockSettings)], { cpu: options.pin ? options.harnessCpu : undefined });
const ports = await readJsonLine(mock);
const upstreams = {
  origin: `http://127.0.0.1:${ports.port}`,
  failingOrigin: `http://127.0.0.1:${ports.failingPort}`,
  statsUrl: `http://127.0.0.1:${ports.port}/__stats`,
};

// Children inherit this process's CPU pin; the gateway is started on every CPU explicitly.
const allCpus = `0-${cpus().length - 1}`;
const runStreamPhase = () =>
  options.streamLoad.streams > 0
    ? measureStreamPhase({
      ...options.streamLoad,
      systems: systems.filter((system) => options.streamLoad.systemIds.includes(system.id) && !system.unavailableReason()),
      mockOrigin: upstreams.origin,
      startContext: { mockOrigin: upstreams.origin, cpu: options.pin ? allCpus : undefined, harnessCpu: options.pin ? options.harnessCpu : undefined, nodeFlags: [] },
    })
    : Promise.resolve(null);
const oursOnNode = systems.find((system) => system.id === 'ai-gateway-node');
const runManyStreams = () =>
  options.manyStreams.streams > 0 && options.systems.includes('ai-gateway-node') && !oursOnNode.unavailableReason()
    ? measureManyStreams({
      ...options.manyStreams,
      system: oursOnNode,
      mockOrigin: upstreams.origin,
      startContext: { mockOrigin: upstreams.origin, cpu: options.pin ? allCpus : undefined, harnessCpu: options.pin ? options.harnessCpu : undefined, nodeFlags: [] },
    })
    : Promise.resolve(null);
if (options.streamsOnly) {
  const streamLoad = await runStreamPhase();
  const manyStreams = await runManyStreams();
  await mock.stop();
  writeFileSync(join(options.out, 'streams.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), commit: describeMachine(null).commit, streamLoad, manyStreams }, null, 2)}\n`);
  process.stdout.write(`${streamLoadSection(streamLoad, manyStreams).join('\n')}\n`);
  process.exit(0);
}
const selectedCases = cases.filter((benchCase) => options.cases.includes(benchCase.id)).map((benchCase) => ({ ...benchCase, ramp: benchCase.id === 'passthrough' }));
// The floor runs once per upstream API the selected cases reach; its passthrough-like run ramps too.
const floorCases = [...new Set(selectedCases.map((benchCase) => benchCase.upstream))].map((upstream) => ({
  id: upstream,
  label: `${upstream} API`,
  upstream,
  streams: selectedCases.some((benchCase) => benchCase.upstream === upstream && benchCase.streams),
  ramp: upstream === 'openai' && selectedCases.some((benchCase) => benchCase.ramp),
}));

/** @type {Record<string, any>} */
const results = {};
for (const system of systems.filter((candidate) => options.systems.includes(candidate.id))) {
  const unavailable = system.unavailableReason();
  if (unavailable) {
    log(`${system.label}: skipped (${unavailable})`);
    results[system.id] = { label: system.label, status: 'skipped', reason: unavailable };
    continue;
  }
  const nodeFlags = options.profile && system.id !== 'ai-gateway-bun' ? ['--cpu-prof', `--cpu-prof-dir=${join(options.out, 'profiles')}`] : [];
  /** @type {Record<string, any>} */
  const caseResults = {};
  let idleResidentBytes = null;
  let startFailure = null;
  // A fresh process per case: a cache, a circuit breaker or a grown heap left by one case must
  // not flatter or penalise the next.
  const startSystem = () => system.start({ mockOrigin: upstreams.origin, cpu: options.pin ? allCpus : undefined, harnessCpu: options.pin ? options.harnessCpu : undefined, nodeFlags });
  const systemCases = system.isFloor ? floorCases : selectedCases.filter((benchCase) => !system.onlyCases || system.onlyCases.includes(benchCase.id));
  for (const benchCase of selectedCases) {
    if (!system.isFloor && !systemCases.includes(benchCase)) caseResults[benchCase.id] = { status: 'n/a', reason: `${system.label} serves the ${system.onlyCases?.join(', ')} case only` };
  }
  for (const benchCase of systemCases) {
    /** @type {{ running: import('./systems.mjs').RunningSystem, restart(): Promise<void> } | undefined} */
    let session;
    try {
      const running = await startSystem();
      session = {
        running,
        async restart() {
          await this.running.stop();
          this.running = await startSystem();
        },
      };
    } catch (error) {
      startFailure = error.message.split('\n')[0];
      log(`${system.label}: could not start (${error.message})`);
      break;
    }
    try {
      idleResidentBytes ??= await readIdleResidentBytes(session.running.pid);
      caseResults[benchCase.id] = await measureCase(system, session, benchCase, upstreams, options);
    } finally {
      await session.running.stop();
    }
  }
  results[system.id] = startFailure && Object.keys(caseResults).length === 0
    ? { label: system.label, status: 'skipped', reason: `could not start: ${startFailure}` }
    : { label: system.label, status: 'measured', idleResidentBytes, cases: caseResults };
}

// The passthrough target again, with every system taking turns (see head-to-head.mjs).
const headToHead = options.headToHeadRounds > 0 && selectedCases.some((benchCase) => benchCase.id === 'passthrough')
  ? await measureHeadToHead({
    systems: systems.filter((system) => options.systems.includes(system.id) && !system.unavailableReason()),
    results,
    upstreams,
    startContext: { mockOrigin: upstreams.origin, cpu: options.pin ? allCpus : undefined, harnessCpu: options.pin ? options.harnessCpu : undefined, nodeFlags: [] },
    rate: options.headToHeadRate,
    rounds: options.headToHeadRounds,
    durationSeconds: options.durationSeconds,
    settleSeconds: options.settleSeconds,
    warmUpSeconds: Math.min(options.quick ? 1 : 2, options.durationSeconds),
  })
  : null;

// Streams under load (stream-phase.mjs), each system in a fresh process.
const streamLoad = await runStreamPhase();
const manyStreams = await runManyStreams();

// Last, with nothing else running: instructions per request of the counted cases that ran, one gateway at a time under callgrind.
const countedCases = options.instructionsCases.filter((key) => options.cases.includes(key.split(':')[0]));
const instructionCounts = await countInstructionsOfEach({ ...options, instructionsCases: countedCases }, options.pin ? allCpus : undefined);
await mock.stop();

const report = {
  generatedAt: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - startedAt) / 1000),
  machine: { ...describeMachine(bunBinary()), loadAverageAtStart, cpuStalls },
  settings: { ...options, out: undefined, help: undefined, mock: mockSettings },
  cases: selectedCases.map(({ id, label, upstream, streams }) => ({ id, label, upstream, streams })),
  systems: results,
  headToHead,
  streamLoad,
  manyStreams,
  instructionCounts,
  workersBundle: measureWorkersBundle(),
};
report.figures = deriveFigures(report);

writeFileSync(join(options.out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(options.out, 'latest.md'), renderMarkdownReport(report));
writeFileSync(join(options.out, 'latency-vs-load.svg'), renderLatencyChart(report));
log(`done in ${report.durationSeconds} s: ${join(options.out, 'latest.md')}`);
process.exit(0);

