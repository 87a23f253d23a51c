/**
 * Everything measured for one case on one running system: a probe, stream timing, a warm-up, then
 * the fixed rates (and for passthrough the ramp towards the maximum sustainable rate).
 */
import { expectedStreamText } from './canned-responses.mjs';
import { floorRequests } from './cases.mjs';
import { runAtRate } from './load-runner.mjs';
import { probeCase } from './probe.mjs';
import { readResidentBytes, startProcessSampler } from './process-metrics.mjs';
import { measureStreamTiming } from './stream-timing.mjs';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** @param {ReturnType<typeof runAtRate> extends Promise<infer T> ? T : never} point @param {number} p99LimitMs */
function isSustained(point, p99LimitMs) {
  return point.errors === 0 && point.non2xx === 0 && point.achievedRate >= point.offeredRate * 0.95 && (point.latencyMs.p99 ?? Infinity) <= p99LimitMs;
}

/**
 * Runs one rate with the process sampled, and judges whether the rate was sustained.
 * @param {{ url: string, headers: Record<string, string>, body: string }} request
 * @param {number | undefined} pid
 * @param {number} rate
 * @param {ReturnType<typeof import('./options.mjs').readOptions>} options
 */
async function measurePoint(request, pid, rate, options, statsUrl) {
  const countsBefore = await readUpstreamTotals(statsUrl);
  const sampler = startProcessSampler(pid);
  const point = await runAtRate(request, { rate, durationSeconds: options.durationSeconds, settleSeconds: options.settleSeconds });
  const { cpuMilliseconds, peakResidentBytes } = sampler.stop();
  const countsAfter = await readUpstreamTotals(statsUrl);
  const sustained = isSustained(point, options.p99LimitMs);
  log(`  ${rate} req/s: achieved ${point.achievedRate.toFixed(0)}, p50 ${point.latencyMs.p50?.toFixed(3)} ms, p99 ${point.latencyMs.p99?.toFixed(3)} ms${sustained ? '' : ' (not sustained)'}`);
  return {
    ...point,
    sustained,
    // Per answered request, settle time included on both sides of the division.
    cpuMillisecondsPerRequest: cpuMilliseconds === null || point.allResponses === 0 ? null : cpuMilliseconds / point.allResponses,
    peakResidentBytes,
    // How often each upstream was called per client request: about 0 for cache hits, and for a
    // fallback, how many requests still tried the failing target first.
    upstreamCallsPerRequest: point.allResponses === 0 ? null : {
      upstream: (countsAfter.upstream - countsBefore.upstream) / point.allResponses,
      failing: (countsAfter.failing - countsBefore.failing) / point.allResponses,
    },
  };
}

/** @param {string} statsUrl */
async function readUpstreamTotals(statsUrl) {
  const counts = await (await fetch(statsUrl)).json();
  const sum = (byPath) => Object.values(byPath).reduce((total, count) => total + count, 0);
  return { upstream: sum(counts.upstream), failing: sum(counts.failing) };
}

/**
 * @param {import('./systems.mjs').SystemDefinition} system
 * @param {{ running: import('./systems.mjs').RunningSystem, restart(): Promise<void> }} session the running process, and a way to replace it with a fresh one
 * @param {{ id: string, label: string, upstream: 'openai' | 'anthropic', streams: boolean, ramp: boolean, gatewayRequest?: Function, expectation?: Function }} benchCase
 *   for the floor, a pseudo-case per upstream kind
 * @param {{ origin: string, failingOrigin: string, statsUrl: string }} upstreams
 * @param {ReturnType<typeof import('./options.mjs').readOptions>} options
 */
export async function measureCase(system, session, benchCase, upstreams, options) {
  const requestFor = (stream) => {
    const shape = system.isFloor ? floorRequests[benchCase.upstream](upstreams, { stream }) : benchCase.gatewayRequest(upstreams, { stream });
    return { url: `${session.running.baseUrl}${shape.path}`, headers: { ...shape.headers, ...session.running.headers }, body: shape.body };
  };
  // A function, not a value: after a restart the system listens on a new port.
  const request = () => requestFor(false);
  log(`${system.label} / ${benchCase.label}`);

  if (!system.isFloor) {
    const probe = await probeCase(request(), benchCase.expectation(upstreams), upstreams.statsUrl);
    if (!probe.supported) {
      log(`  n/a: ${probe.reason}`);
      return { status: 'n/a', reason: probe.reason };
    }
  }

  // Streams are timed before any load: a ramp past the maximum may leave a circuit breaker open.
  let streamTiming = null;
  if (benchCase.streams) {
    // The floor answers in the upstream's own API; a gateway in the API the case's client speaks.
    const format = system.isFloor ? (benchCase.upstream === 'anthropic' ? 'anthropic' : 'chat') : (benchCase.expectation(upstreams).answerFormat ?? 'chat');
    const expectedText = expectedStreamText(options.streamChunks);
    streamTiming = await measureStreamTiming(requestFor(true).url, requestFor(true), { samples: options.ttfbSamples, format, expectedText });
    if (streamTiming.supported) log(`  stream: first byte p50 ${streamTiming.firstByteMs.p50?.toFixed(3)} ms`);
    else log(`  stream n/a: ${streamTiming.reason}`);
  }


  const points = [];
  const rates = [...options.rates, ...(benchCase.ramp ? options.rampRates.filter((rate) => rate > Math.max(...options.rates)) : [])];
  let maxSustainedRate = 0;
  // JIT, pools and caches warm up here, so the first measured rate is not penalised for going first.
  const warmUp = () => runAtRate(request(), { rate: 500, durationSeconds: options.quick ? 1 : 2, settleSeconds: 0 });
  await warmUp();
  // After a rate the system could not take, start afresh: queues, a grown heap or a circuit breaker
  // tripped by the requests the load generator abandoned would otherwise skew the next try.
  const restartAfterOverload = async () => {
    await session.restart();
    await warmUp();
  };
  const measureSustained = async (rate) => measureSustainedAfter(rate, await measurePoint(request(), session.running.pid, rate, options, upstreams.statsUrl));
  const measureSustainedAfter = async (rate, firstPoint) => {
    let point = firstPoint;
    if (!point.sustained) {
      // One stall of a shared machine can push a p99 over the limit: a rate counts as past the
      // maximum only when a second try fails too.
      log('  retrying once');
      await restartAfterOverload();
      const retry = await measurePoint(request(), session.running.pid, rate, options, upstreams.statsUrl);
      if (retry.sustained || (retry.latencyMs.p99 ?? Infinity) < (point.latencyMs.p99 ?? Infinity)) point = { ...retry, attempts: 2 };
    }
    points.push(point);
    return point.sustained;
  };
  /**
   * A fixed rate runs `options.repeats` times back to back and the run with the median p99 stands
   * for it (every run's p99 is kept): on a shared machine one stall can double a single run's p99.
   */
  const measureRepeated = async (rate) => {
    const runs = [];
    for (let run = 0; run < options.repeats; run += 1) {
      runs.push(await measurePoint(request(), session.running.pid, rate, options, upstreams.statsUrl));
      if (!runs[run].sustained) break; // an overloaded system is judged as before, with a retry
    }
    if (!runs[runs.length - 1].sustained) return measureSustainedAfter(rate, runs[runs.length - 1]);
    const byP99 = [...runs].sort((first, second) => (first.latencyMs.p99 ?? Infinity) - (second.latencyMs.p99 ?? Infinity));
    const median = byP99[Math.floor((byP99.length - 1) / 2)];
    points.push({ ...median, runsP99: runs.map((point) => point.latencyMs.p99), runsP50: runs.map((point) => point.latencyMs.p50) });
    return true;
  };
  for (const rate of rates) {
    if (await (options.rates.includes(rate) ? measureRepeated(rate) : measureSustained(rate))) {
      maxSustainedRate = rate;
      continue;
    }
    // Past its maximum: one more rate halfway back narrows the maximum down (ramp case only).
    const halfway = Math.round((maxSustainedRate + rate) / 2 / 100) * 100;
    if (benchCase.ramp && maxSustainedRate > 0 && halfway > maxSustainedRate && halfway < rate) {
      await restartAfterOverload();
      if (await measureSustained(halfway)) maxSustainedRate = halfway;
    }
    break; // higher rates only pile up queues and timeouts
  }
  const reachedTopRate = maxSustainedRate === rates[rates.length - 1];

  return {
    status: 'measured',
    points,
    maxSustainedRate: benchCase.ramp ? { rate: maxSustainedRate, atTopOfRamp: reachedTopRate } : null,
    streamTiming,
  };
}

/** Resident memory once started and quiet, before any load. @param {number | undefined} pid */
export async function readIdleResidentBytes(pid) {
  if (pid === undefined) return null;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return readResidentBytes(pid);
}
