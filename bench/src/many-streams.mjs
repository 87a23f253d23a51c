/**
 * Many slow streams at once through one gateway process: `streams` streams of one piece a second
 * for `seconds` seconds (the mock's `/paced/1000/<seconds>`), opened at `openPerSecond`. Meanwhile
 * a probe asks a short non-streamed answer every 50 ms, of the gateway and of the mock directly in
 * turn, so "added" is the gateway's share while both carry the streams.
 *
 * Reported: streams that did not arrive whole, the peak of streams open at once, the gateway's
 * RSS idle and at its peak, memory per open stream, the probe's latency, and each piece's delay
 * from the mock's write to the client's read.
 */
import { execFileSync } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { expectedStreamText } from './canned-responses.mjs';
import { cases, floorRequests } from './cases.mjs';
import { summarizeLatencies } from './latency-stats.mjs';
import { readResidentBytes, startProcessSampler } from './process-metrics.mjs';
import { streamCases } from './stream-cases.mjs';
import { readOneStream, streamFault } from './stream-load.mjs';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The most file descriptors a process here may open (the hard limit), or Infinity where unlimited. */
function fileDescriptorLimit() {
  const limit = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  return limit === 'unlimited' ? Number.POSITIVE_INFINITY : Number(limit);
}

/** One short request, timed. @param {{ url: string, headers: Record<string, string>, body: string }} request @param {Agent} agent */
function timeOne(request, agent) {
  return new Promise((resolve) => {
    const startedAt = performance.now();
    const outgoing = httpRequest(request.url, { method: 'POST', headers: request.headers, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200 ? performance.now() - startedAt : null));
    });
    outgoing.setTimeout(10_000, () => outgoing.destroy());
    outgoing.on('error', () => resolve(null));
    outgoing.end(request.body);
  });
}

/**
 * @param {{
 *   system: import('./systems.mjs').SystemDefinition,
 *   mockOrigin: string,
 *   startContext: import('./systems.mjs').StartContext,
 *   streams: number, seconds: number, openPerSecond: number,
 * }} settings
 */
export async function measureManyStreams(requested) {
  // Every stream holds two sockets in the gateway, its client's and its upstream's: the machine's
  // descriptor limit caps the streams one process can carry (a few hundred kept for everything else).
  const descriptorLimit = fileDescriptorLimit();
  const streamsThatFit = Math.floor((descriptorLimit - 256) / 2);
  const settings = { ...requested, streams: Math.min(requested.streams, streamsThatFit) };
  const limitedBy = settings.streams < requested.streams ? `this machine's descriptor limit (${descriptorLimit}, two per stream)` : null;
  if (limitedBy) log(`many streams: ${settings.streams} instead of ${requested.streams}, as many as ${limitedBy} allows`);
  const pieces = settings.seconds;
  const pacedOrigin = `${settings.mockOrigin}/paced/1000/${pieces}`;
  const expectedText = expectedStreamText(pieces);
  const passthrough = streamCases.find((streamCase) => streamCase.id === 'passthrough');
  const probeCase = cases.find((benchCase) => benchCase.id === 'passthrough');
  const upstreams = { origin: settings.mockOrigin, failingOrigin: settings.mockOrigin };
  log(`many streams: ${settings.streams} streams of ${pieces} pieces a second apart through ${settings.system.label}`);
  // The soft limit raised to the hard one (a process may do that itself; Node does not).
  const launchPrefix = Number.isFinite(descriptorLimit) ? ['prlimit', `--nofile=${descriptorLimit}:${descriptorLimit}`, '--'] : [];
  const running = await settings.system.start({ ...settings.startContext, launchPrefix });
  try {
    const shape = passthrough.gatewayRequest(pacedOrigin);
    const streamRequest = { url: `${running.baseUrl}${shape.path}`, headers: { ...shape.headers, ...running.headers }, body: shape.body };
    const probeShape = probeCase.gatewayRequest(upstreams, { stream: false });
    const probe = { url: `${running.baseUrl}${probeShape.path}`, headers: { ...probeShape.headers, ...running.headers }, body: probeShape.body };
    const floorShape = floorRequests.openai(upstreams, { stream: false });
    const floorProbe = { url: `${settings.mockOrigin}${floorShape.path}`, headers: floorShape.headers, body: floorShape.body };

    await sleep(1000);
    const idleResidentBytes = readResidentBytes(running.pid);
    const streamAgent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
    const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sampler = startProcessSampler(running.pid, 250);
    const harnessCpuBefore = process.cpuUsage();

    let open = 0;
    let peakOpen = 0;
    const faults = [];
    const pieceDelays = [];
    const streamsDone = [];
    const openedAt = performance.now();
    for (let index = 0; index < settings.streams; index += 1) {
      // Opened at the given pace, not all in one tick: a client population arrives over seconds.
      const due = openedAt + (index * 1000) / settings.openPerSecond;
      if (due > performance.now() + 1) await sleep(due - performance.now());
      open += 1;
      peakOpen = Math.max(peakOpen, open);
      streamsDone.push(
        readOneStream(streamRequest, streamAgent, pieces, 10_000)
          .then((outcome) => {
            const fault = streamFault(outcome, 'chat', expectedText);
            if (fault) faults.push(fault);
            else for (const delay of outcome.pieceDelaysMs) pieceDelays.push(delay);
          }, (error) => faults.push(error.message))
          .finally(() => {
            open -= 1;
          }),
      );
    }
    log(`  ${settings.streams} streams opened in ${((performance.now() - openedAt) / 1000).toFixed(1)} s; probing while they run`);

    // The probe runs while every stream is open: from the last one opened until the first ends.
    const gatewayLatencies = [];
    const floorLatencies = [];
    let probeFailures = 0;
    const probeUntil = openedAt + settings.seconds * 1000 - 2000;
    while (performance.now() < probeUntil) {
      const viaGateway = await timeOne(probe, probeAgent);
      const direct = await timeOne(floorProbe, probeAgent);
      if (viaGateway === null) probeFailures += 1;
      else gatewayLatencies.push(viaGateway);
      if (direct !== null) floorLatencies.push(direct);
      await sleep(50);
    }
    await Promise.all(streamsDone);
    const wallMilliseconds = performance.now() - openedAt;
    const { peakResidentBytes, cpuMilliseconds } = sampler.stop();
    const harnessCpu = process.cpuUsage(harnessCpuBefore);
    streamAgent.destroy();
    probeAgent.destroy();

    const gateway = summarizeLatencies(gatewayLatencies);
    const floor = summarizeLatencies(floorLatencies);
    const result = {
      status: 'measured',
      label: settings.system.label,
      streams: settings.streams,
      requestedStreams: requested.streams,
      limitedBy,
      seconds: settings.seconds,
      openPerSecond: settings.openPerSecond,
      dropped: faults.length,
      firstFault: faults[0] ?? null,
      peakOpen,
      idleResidentBytes,
      peakResidentBytes,
      residentBytesPerStream: peakResidentBytes && idleResidentBytes ? (peakResidentBytes - idleResidentBytes) / peakOpen : null,
      probe: { gateway, floor, failed: probeFailures, addedP50: gateway.p50 - floor.p50, addedP99: gateway.p99 - floor.p99 },
      pieceDelayMs: summarizeLatencies(pieceDelays),
      // Shares of one CPU over the run: the gateway's process, and this process (the clients of
      // every stream and the probe; the mock has its own). A client near 1 is the harness's limit.
      gatewayCpuShare: cpuMilliseconds === null ? null : cpuMilliseconds / wallMilliseconds,
      harnessCpuShare: (harnessCpu.user + harnessCpu.system) / 1000 / wallMilliseconds,
    };
    log(`  dropped ${result.dropped}, peak RSS ${(peakResidentBytes / 1024 ** 2).toFixed(0)} MiB (${(result.residentBytesPerStream / 1024).toFixed(1)} KiB per stream), probe added p99 ${result.probe.addedP99.toFixed(2)} ms`);
    return result;
  } finally {
    await running.stop();
  }
}

/** The targets of the many-streams case. @param {Awaited<ReturnType<typeof measureManyStreams>> | null | undefined} result */
export function manyStreamsTargets(result) {
  if (result?.status !== 'measured') return [];
  const mebibytes = (bytes) => (bytes / 1024 ** 2).toFixed(0);
  return [
    { target: `${result.streams} concurrent slow streams: none dropped`, met: result.dropped === 0, value: `${result.dropped} dropped${result.firstFault ? `, first: ${result.firstFault}` : ''}` },
    { target: `${result.streams} concurrent slow streams: RSS under 512 MB`, met: result.peakResidentBytes < 512 * 1000 ** 2, value: `peak ${mebibytes(result.peakResidentBytes)} MiB, ${(result.residentBytesPerStream / 1024).toFixed(1)} KiB per open stream` },
    { target: `${result.streams} concurrent slow streams: a non-stream request meanwhile answers with added p99 under 5 ms`, met: result.probe.failed === 0 && result.probe.addedP99 < 5, value: `${result.probe.addedP99.toFixed(2)} ms added at p99${result.probe.failed ? `, ${result.probe.failed} failed` : ''}` },
  ];
}
