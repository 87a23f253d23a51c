/**
 * The stream-load phase of `pnpm bench`: for each stream case (stream-cases.mjs), the floor (the
 * paced mock read directly) and each system in turn, each in a fresh process, warmed up, then
 * `repeats` runs of `streams` streams at `concurrency` (stream-load.mjs). Per system and case the
 * median of the runs is kept for each figure, and the figures the streams issue sets targets on
 * are derived against the floor, the plain Node proxy and our own passthrough.
 */
import { expectedStreamText } from './canned-responses.mjs';
import { floorStreamRequests, streamCases } from './stream-cases.mjs';
import { runStreamLoad } from './stream-load.mjs';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** @param {number[]} values */
function median(values) {
  const present = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((first, second) => first - second);
  return present.length ? present[Math.floor((present.length - 1) / 2)] : null;
}

/** The median over runs of each figure a run reports. @param {Awaited<ReturnType<typeof runStreamLoad>>[]} runs */
function medianOfRuns(runs) {
  const of = (read) => median(runs.map(read));
  return {
    firstByteP50: of((run) => run.firstByteMs.p50),
    firstByteP99: of((run) => run.firstByteMs.p99),
    pieceDelayP50: of((run) => run.pieceDelayMs.p50),
    pieceDelayP99: of((run) => run.pieceDelayMs.p99),
    cpuMillisecondsPerStream: of((run) => run.cpuMillisecondsPerStream),
    streamsPerSecond: of((run) => run.streamsPerSecond),
    peakResidentBytes: of((run) => run.peakResidentBytes),
    failed: runs.reduce((total, run) => total + run.failed, 0),
  };
}

/**
 * @param {{
 *   systems: import('./systems.mjs').SystemDefinition[],
 *   mockOrigin: string,
 *   startContext: import('./systems.mjs').StartContext,
 *   streams: number, repeats: number, concurrency: number, intervalMs: number, pieces: number,
 *   caseIds: string[],
 * }} settings
 */
export async function measureStreamPhase(settings) {
  const pacedOrigin = `${settings.mockOrigin}/paced/${settings.intervalMs}/${settings.pieces}`;
  const expectedText = expectedStreamText(settings.pieces);
  const warmUpStreams = Math.min(200, settings.streams);
  const results = [];
  for (const streamCase of streamCases.filter((candidate) => settings.caseIds.includes(candidate.id))) {
    /** @type {Record<string, any>} */
    const bySystem = {};
    for (const system of settings.systems) {
      if (system.onlyCases && !system.onlyCases.includes(streamCase.id)) continue;
      log(`streams / ${streamCase.label} / ${system.label}`);
      let running;
      try {
        running = await system.start(settings.startContext);
      } catch (error) {
        bySystem[system.id] = { label: system.label, status: 'skipped', reason: `could not start: ${error.message.split('\n')[0]}` };
        continue;
      }
      try {
        const shape = system.isFloor ? floorStreamRequests[streamCase.upstream](pacedOrigin) : streamCase.gatewayRequest(pacedOrigin);
        const request = system.isFloor ? shape : { url: `${running.baseUrl}${shape.path}`, headers: { ...shape.headers, ...running.headers }, body: shape.body };
        const load = (streams) => runStreamLoad(request, { streams, concurrency: settings.concurrency, pieces: settings.pieces, format: system.isFloor && streamCase.upstream === 'anthropic' ? 'anthropic' : system.isFloor ? 'chat' : streamCase.format, expectedText, pid: running.pid });
        const warmUp = await load(warmUpStreams);
        if (warmUp.failed > 0) {
          log(`  n/a: ${warmUp.firstFault}`);
          bySystem[system.id] = { label: system.label, status: 'n/a', reason: warmUp.firstFault };
          continue;
        }
        const runs = [];
        for (let run = 0; run < settings.repeats; run += 1) runs.push(await load(settings.streams));
        const figures = medianOfRuns(runs);
        log(`  first byte p50 ${figures.firstByteP50?.toFixed(3)} / p99 ${figures.firstByteP99?.toFixed(3)} ms, piece delay p99 ${figures.pieceDelayP99?.toFixed(3)} ms, CPU ${figures.cpuMillisecondsPerStream?.toFixed(3) ?? '–'} ms per stream${figures.failed ? `, ${figures.failed} failed` : ''}`);
        bySystem[system.id] = { label: system.label, status: 'measured', ...figures, runs };
      } finally {
        await running.stop();
      }
    }
    results.push({ id: streamCase.id, label: streamCase.label, bySystem });
  }
  return {
    settings: { streams: settings.streams, repeats: settings.repeats, concurrency: settings.concurrency, intervalMs: settings.intervalMs, pieces: settings.pieces },
    cases: results,
  };
}

const oursId = 'ai-gateway-node';
const proxyId = 'reference-proxy';

/** @param {number | null | undefined} value @param {number | null | undefined} base */
const minus = (value, base) => (typeof value === 'number' && typeof base === 'number' ? value - base : null);
/** @param {number | null | undefined} value @param {number | null | undefined} base */
const over = (value, base) => (typeof value === 'number' && typeof base === 'number' && base > 0 ? value / base : null);

/**
 * Added figures per case and system (against the floor of the same case), and the issue's targets.
 * @param {Awaited<ReturnType<typeof measureStreamPhase>> | null} phase
 */
export function deriveStreamFigures(phase) {
  if (!phase) return null;
  const rows = phase.cases.map((streamCase) => {
    const floor = streamCase.bySystem.floor;
    /** @type {Record<string, any>} */
    const added = {};
    for (const [systemId, entry] of Object.entries(streamCase.bySystem)) {
      if (systemId === 'floor' || entry.status !== 'measured') continue;
      added[systemId] = {
        firstByteP50: minus(entry.firstByteP50, floor?.firstByteP50),
        firstByteP99: minus(entry.firstByteP99, floor?.firstByteP99),
        pieceDelayP50: minus(entry.pieceDelayP50, floor?.pieceDelayP50),
        pieceDelayP99: minus(entry.pieceDelayP99, floor?.pieceDelayP99),
        cpuMillisecondsPerStream: entry.cpuMillisecondsPerStream,
      };
    }
    return { id: streamCase.id, label: streamCase.label, added };
  });
  const passthrough = rows.find((row) => row.id === 'passthrough');
  const ours = passthrough?.added[oursId];
  const proxy = passthrough?.added[proxyId];
  const fixed = (value, digits = 3) => (typeof value === 'number' ? value.toFixed(digits) : null);
  const targets = [];
  if (ours && proxy) {
    const p50Over = minus(ours.firstByteP50, proxy.firstByteP50);
    const p99Over = minus(ours.firstByteP99, proxy.firstByteP99);
    const cpuRatio = over(ours.cpuMillisecondsPerStream, proxy.cpuMillisecondsPerStream);
    targets.push(
      { target: 'stream passed through: added time to first byte at most 0.1 ms above the plain Node proxy at p50', met: p50Over === null ? null : p50Over <= 0.1, value: p50Over === null ? null : `${fixed(p50Over)} ms above it` },
      { target: 'stream passed through: added time to first byte at most 1 ms above the plain Node proxy at p99', met: p99Over === null ? null : p99Over <= 1, value: p99Over === null ? null : `${fixed(p99Over)} ms above it` },
      { target: 'stream passed through: CPU per stream at most 1.2x the plain Node proxy', met: cpuRatio === null ? null : cpuRatio <= 1.2, value: cpuRatio === null ? null : `${fixed(cpuRatio, 2)}x` },
    );
  }
  for (const row of rows.filter((candidate) => candidate.id !== 'passthrough')) {
    const translated = row.added[oursId];
    if (!translated) continue;
    const cpuRatio = over(translated.cpuMillisecondsPerStream, ours?.cpuMillisecondsPerStream);
    targets.push(
      { target: `${row.label}: CPU per stream at most 1.3x a passed-through stream`, met: cpuRatio === null ? null : cpuRatio <= 1.3, value: cpuRatio === null ? null : `${fixed(cpuRatio, 2)}x` },
      { target: `${row.label}: a chunk leaves within 0.2 ms of its arrival at p99`, met: translated.pieceDelayP99 === null ? null : translated.pieceDelayP99 <= 0.2, value: translated.pieceDelayP99 === null ? null : `${fixed(translated.pieceDelayP99)} ms added at p99` },
    );
  }
  return { rows, targets };
}
