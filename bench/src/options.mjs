/**
 * Command-line settings of `pnpm bench`. The defaults are the full run (about 100 minutes on two
 * cores, the last 30 counting instructions); `--quick` is a short run; `--instructions-only` counts
 * instructions alone; the smoke test passes its own tiny load.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { caseIds } from './cases.mjs';
import { countedKind } from './instruction-count.mjs';
import { streamCaseIds } from './stream-cases.mjs';
import { canPinCpus } from './process-launcher.mjs';
import { benchDirectory, systemIds } from './systems.mjs';

export const usage = `Usage: pnpm bench [-- options]

  --quick               a short run: 2 s per rate, rates 200,1000, a shorter ramp, 30 stream samples
  --duration S          seconds measured per run of a rate (default 3; each adds a 0.5 s settle)
  --repeats N           runs of each fixed rate; the run with the median p99 is reported, so one
                        stall of a shared machine does not decide a figure (default 3; --quick 1)
  --rates A,B,C         fixed request rates for every case (default 200,1000,2000)
  --ramp-rates A,B      further rates tried on the passthrough case until p99 explodes
                        (default 3000,4000,5000,6000,7000,8000,10000); --no-ramp skips them
  --p99-limit-ms N      a rate is sustained when p99 <= N, >= 95% of it is achieved, and no errors
                        (default 30; a failed rate is tried a second time before it counts)
  --cases LIST          ${caseIds.join(',')} (default all)
  --systems LIST        ${systemIds.join(',')} (default all; bun is skipped where it does not install)
  --ttfb-samples N      sequential streamed requests per case for time to first byte (default 100)
  --stream-delay-ms N   the mock's pause before a stream's first event (default 20)
  --stream-chunks N     content chunks per streamed answer (default 20)
  --stream-load-streams N
                        streams per run of the stream-load phase, each case and system (default 1000;
                        --quick 200; 0 skips the phase)
  --stream-load-repeats N
                        runs of each (default 3; --quick 1); the median of each figure is reported
  --stream-load-concurrency N
                        streams at a time (default 8)
  --stream-load-interval-ms N
                        the pause between a paced stream's pieces, the first sent at once (default 5)
  --stream-load-cases LIST
                        ${streamCaseIds.join(',')} (default all)
  --stream-load-systems LIST
                        the systems of the phase besides the floor (default
                        reference-proxy,ai-gateway-node; those not in --systems are left out)
  --many-streams N      streams open at once in the many-streams case: one piece a second through
                        ai-gateway-node (default 10000; --quick 0, which skips it)
  --many-streams-seconds N
                        how long each of those streams runs (default 60)
  --many-streams-open-rate N
                        streams opened per second until all are open (default 1000)
  --streams-only        run the stream-load phase and the many-streams case and nothing else; the figures go to stdout and
                        <out>/streams.json
  --head-to-head-rounds N
                        rounds in which the floor and every gateway that sustained the rate take turns
                        at passthrough, for added latency measured pairwise (default 7; --quick 3; 0 skips)
  --head-to-head-rate N the rate of those rounds (default 1000, the rate of the p99 target)
  --instructions-requests N
                        requests counted, per gateway, when each runs alone under valgrind's callgrind
                        for instructions per request (default 2000; --quick 0; 0 skips)
  --instructions-warm-up N
                        sequential requests each gateway answers under valgrind, not yet counted,
                        so its JIT has compiled the request path (default 25000)
  --instructions-runs N processes counted per gateway; the median is reported (default 3)
  --instructions-cases LIST
                        the requests counted, each in processes of their own: case ids, and
                        <case>:stream for a case's streamed request (default passthrough; e.g.
                        passthrough,anthropic,responses-anthropic). A full run counts those among --cases
  --instructions-only   count instructions per request and nothing else (about 5 minutes for
                        --systems ai-gateway-node); the figures go to stdout and <out>/instructions.json
  --out DIR             where latest.json, latest.md and latency-vs-load.svg go (default bench/results)
  --no-pin              do not pin the load generator and mock upstream to CPU 0 (the gateway is never
                        pinned: a Node process uses more than one thread, and pinning it to one CPU
                        made its background GC and compiler threads steal from its main thread)
  --profile             run Node gateways with --cpu-prof; profiles go to <out>/profiles
`;

const list = (value) => value.split(',').map((item) => item.trim()).filter(Boolean);
const numbers = (value) => list(value).map(Number).filter((number) => Number.isFinite(number) && number > 0);

/** @param {string[]} argv */
export function readOptions(argv) {
  const { values } = parseArgs({
    args: argv.filter((argument) => argument !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      repeats: { type: 'string' },
      rates: { type: 'string' },
      'ramp-rates': { type: 'string' },
      'no-ramp': { type: 'boolean', default: false },
      'p99-limit-ms': { type: 'string' },
      cases: { type: 'string' },
      systems: { type: 'string' },
      'ttfb-samples': { type: 'string' },
      'stream-delay-ms': { type: 'string' },
      'stream-chunks': { type: 'string' },
      'stream-load-streams': { type: 'string' },
      'stream-load-repeats': { type: 'string' },
      'stream-load-concurrency': { type: 'string' },
      'stream-load-interval-ms': { type: 'string' },
      'stream-load-cases': { type: 'string' },
      'stream-load-systems': { type: 'string' },
      'many-streams': { type: 'string' },
      'many-streams-seconds': { type: 'string' },
      'many-streams-open-rate': { type: 'string' },
      'streams-only': { type: 'boolean', default: false },
      'head-to-head-rounds': { type: 'string' },
      'head-to-head-rate': { type: 'string' },
      'instructions-requests': { type: 'string' },
      'instructions-warm-up': { type: 'string' },
      'instructions-runs': { type: 'string' },
      'instructions-cases': { type: 'string' },
      'instructions-only': { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-pin': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

  const quick = values.quick;
  const selectedCases = values.cases ? list(values.cases) : caseIds;
  const selectedSystems = values.systems ? list(values.systems) : systemIds;
  for (const id of selectedCases) if (!caseIds.includes(id)) throw new Error(`[bench] unknown case '${id}'; known: ${caseIds.join(', ')}`);
  for (const id of selectedSystems) if (!systemIds.includes(id)) throw new Error(`[bench] unknown system '${id}'; known: ${systemIds.join(', ')}`);
  const instructionsCases = values['instructions-cases'] ? list(values['instructions-cases']) : ['passthrough'];
  for (const key of instructionsCases) countedKind(key);
  const streamLoadCases = values['stream-load-cases'] ? list(values['stream-load-cases']) : streamCaseIds;
  for (const id of streamLoadCases) if (!streamCaseIds.includes(id)) throw new Error(`[bench] unknown stream-load case '${id}'; known: ${streamCaseIds.join(', ')}`);
  const streamLoadSystems = values['stream-load-systems'] ? list(values['stream-load-systems']) : ['reference-proxy', 'ai-gateway-node'];
  for (const id of streamLoadSystems) if (!systemIds.includes(id)) throw new Error(`[bench] unknown system '${id}'; known: ${systemIds.join(', ')}`);
  // The floor is what every other figure is measured against.
  if (!selectedSystems.includes('floor')) selectedSystems.unshift('floor');

  const cpuCount = availableParallelism();
  const out = values.out ?? join(benchDirectory, 'results');
  return {
    help: values.help,
    quick,
    durationSeconds: Number(values.duration ?? (quick ? 2 : 3)),
    repeats: Math.max(1, Math.round(Number(values.repeats ?? (quick ? 1 : 3)))),
    settleSeconds: quick ? 0.3 : 0.5,
    rates: values.rates ? numbers(values.rates) : quick ? [200, 1000] : [200, 1000, 2000],
    rampRates: values['no-ramp'] ? [] : values['ramp-rates'] ? numbers(values['ramp-rates']) : quick ? [2000, 4000, 6000, 8000] : [3000, 4000, 5000, 6000, 7000, 8000, 10000],
    p99LimitMs: Number(values['p99-limit-ms'] ?? 30),
    cases: selectedCases,
    systems: systemIds.filter((id) => selectedSystems.includes(id)),
    ttfbSamples: Number(values['ttfb-samples'] ?? (quick ? 30 : 100)),
    streamDelayMs: Number(values['stream-delay-ms'] ?? 20),
    streamChunks: Number(values['stream-chunks'] ?? 20),
    streamLoad: {
      streams: Math.max(0, Math.round(Number(values['stream-load-streams'] ?? (quick ? 200 : 1000)))),
      repeats: Math.max(1, Math.round(Number(values['stream-load-repeats'] ?? (quick ? 1 : 3)))),
      concurrency: Math.max(1, Math.round(Number(values['stream-load-concurrency'] ?? 8))),
      intervalMs: Math.max(0, Number(values['stream-load-interval-ms'] ?? 5)),
      pieces: Number(values['stream-chunks'] ?? 20),
      caseIds: streamLoadCases,
      // The floor always; the others where --systems has them too.
      systemIds: ['floor', ...streamLoadSystems.filter((id) => selectedSystems.includes(id) && id !== 'floor')],
    },
    manyStreams: {
      streams: Math.max(0, Math.round(Number(values['many-streams'] ?? (quick ? 0 : 10_000)))),
      seconds: Math.max(5, Math.round(Number(values['many-streams-seconds'] ?? 60))),
      openPerSecond: Math.max(1, Number(values['many-streams-open-rate'] ?? 1000)),
    },
    streamsOnly: values['streams-only'],
    headToHeadRounds: Math.max(0, Math.round(Number(values['head-to-head-rounds'] ?? (quick ? 3 : 7)))),
    headToHeadRate: Number(values['head-to-head-rate'] ?? 1000),
    instructionsRequests: Math.max(0, Math.round(Number(values['instructions-requests'] ?? (quick ? 0 : 2000)))),
    instructionsWarmUp: Math.max(0, Math.round(Number(values['instructions-warm-up'] ?? 25_000))),
    instructionsRuns: Math.max(1, Math.round(Number(values['instructions-runs'] ?? 3))),
    instructionsCases,
    instructionsOnly: values['instructions-only'],
    out,
    pin: !values['no-pin'] && canPinCpus && cpuCount >= 2,
    harnessCpu: 0,
    profile: values.profile,
  };
}
