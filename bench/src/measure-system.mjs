/**
 * Everything measured for one running system: per case, a probe, a warm-up, the fixed rates (and
 * for passthrough the ramp towards the maximum sustainable rate), then stream timing.
 */
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
async function measurePoint(request, pid, rate, options) {
  const sampler = startProcessSampler(pid);
  const point = await runAtRate(request, { rate, durationSeconds: options.durationSeconds, settleSeconds: options.settleSeconds });
  const { cpuMilliseconds, peakResidentBytes } = sampler.stop();
  const sustained = isSustained(point, options.p99LimitMs);
  log(`  ${rate} req/s: achieved ${point.achievedRate.toFixed(0)}, p50 ${point.latencyMs.p50?.toFixed(3)} ms, p99 ${point.latencyMs.p99?.toFixed(3)} ms${sustained ? '' : ' (not sustained)'}`);
  return {
    ...point,
    sustained,
    // Per completed request, settle time included on both sides of the division.
    cpuMillisecondsPerRequest: cpuMilliseconds === null || point.requests === 0 ? null : cpuMilliseconds / point.requests,
    peakResidentBytes,
  };
}

/**
 * @param {import('./systems.mjs').SystemDefinition} system
 * @param {import('./systems.mjs').RunningSystem} running
 * @param {{ id: string, label: string, upstream: 'openai' | 'anthropic', streams: boolean, ramp: boolean, gatewayRequest?: Function, expectation?: Function }} benchCase
 *   for the floor, a pseudo-case per upstream kind
 * @param {{ origin: string, failingOrigin: string, statsUrl: string }} upstreams
 * @param {ReturnType<typeof import('./options.mjs').readOptions>} options
 */
export async function measureCase(system, running, benchCase, upstreams, options) {
  const requestFor = (stream) => {
    const shape = system.isFloor ? floorRequests[benchCase.upstream](upstreams, { stream }) : benchCase.gatewayRequest(upstreams, { stream });
    return { url: `${running.baseUrl}${shape.path}`, headers: shape.headers, body: shape.body };
  };
  const request = requestFor(false);
  log(`${system.label} / ${benchCase.label}`);

  if (!system.isFloor) {
    const probe = await probeCase(request, benchCase.expectation(upstreams), upstreams.statsUrl);
    if (!probe.supported) {
      log(`  n/a: ${probe.reason}`);
      return { status: 'n/a', reason: probe.reason };
    }
  }

  // JIT, pools and caches warm up here, so the first measured rate is not penalised for going first.
  await runAtRate(request, { rate: 500, durationSeconds: options.quick ? 0.7 : 1.5, settleSeconds: 0 });

  const points = [];
  const rates = [...options.rates, ...(benchCase.ramp ? options.rampRates.filter((rate) => rate > Math.max(...options.rates)) : [])];
  let maxSustainedRate = 0;
  for (const rate of rates) {
    const point = await measurePoint(request, running.pid, rate, options);
    points.push(point);
    if (!point.sustained) break; // past its maximum, higher rates only pile up queues and timeouts
    maxSustainedRate = rate;
  }
  const reachedTopRate = maxSustainedRate === rates[rates.length - 1];

  let streamTiming = null;
  if (benchCase.streams) {
    const expectedEnding = system.isFloor && benchCase.upstream === 'anthropic' ? 'message_stop' : '[DONE]';
    streamTiming = await measureStreamTiming(requestFor(true).url, requestFor(true), { samples: options.ttfbSamples, expectedEnding });
    if (streamTiming.supported) log(`  stream: first byte p50 ${streamTiming.firstByteMs.p50?.toFixed(3)} ms`);
    else log(`  stream n/a: ${streamTiming.reason}`);
  }

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
