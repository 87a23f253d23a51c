/**
 * The stream-load phase in the markdown report: per case and system, what the gateway adds to the
 * time to first byte and to each piece's trip, and its CPU per stream; then the streams targets.
 */
import { manyStreamsTargets } from './many-streams.mjs';
import { deriveStreamFigures } from './stream-phase.mjs';

const milliseconds = (value) => (typeof value === 'number' ? value.toFixed(2) : '–');
const pair = (first, second) => `${milliseconds(first)} / ${milliseconds(second)}`;

/**
 * @param {Awaited<ReturnType<typeof import('./stream-phase.mjs').measureStreamPhase>> | null} phase
 * @param {Awaited<ReturnType<typeof import('./many-streams.mjs').measureManyStreams>> | null} manyStreams
 */
export function streamLoadSection(phase, manyStreams) {
  return [...phaseSection(phase), ...manyStreamsSection(manyStreams)];
}

/** @param {Awaited<ReturnType<typeof import('./many-streams.mjs').measureManyStreams>> | null} result */
function manyStreamsSection(result) {
  if (!result) return [];
  const mebibytes = (bytes) => (typeof bytes === 'number' ? (bytes / 1024 ** 2).toFixed(0) : '–');
  const lines = [
    '## Many slow streams at once',
    '',
    `${result.streams} streams through ${result.label}, each of ${result.seconds} pieces a second apart, opened at ${result.openPerSecond} a second; while all were open, a non-streamed passthrough request every 50 ms, to the gateway and to the upstream directly in turn.${result.limitedBy ? ` ${result.requestedStreams} were asked for; ${result.limitedBy} allows ${result.streams}.` : ''}`,
    '',
    `- Streams open at once at the peak: ${result.peakOpen}; dropped or cut short: ${result.dropped}.`,
    `- Gateway RSS: ${mebibytes(result.idleResidentBytes)} MiB idle, ${mebibytes(result.peakResidentBytes)} MiB at the peak, ${typeof result.residentBytesPerStream === 'number' ? (result.residentBytesPerStream / 1024).toFixed(1) : '–'} KiB per open stream.`,
    `- The non-streamed request meanwhile: p50 / p99 ${pair(result.probe.gateway.p50, result.probe.gateway.p99)} ms through the gateway, ${pair(result.probe.floor.p50, result.probe.floor.p99)} ms directly; added ${pair(result.probe.addedP50, result.probe.addedP99)} ms (${result.probe.gateway.samples} samples, ${result.probe.failed} failed).`,
    `- A piece's delay from the upstream's write to the client's read: p50 / p99 ${pair(result.pieceDelayMs.p50, result.pieceDelayMs.p99)} ms.`,
    `- CPU, as a share of one CPU over the run: the gateway ${result.gatewayCpuShare?.toFixed(2) ?? '–'}, the bench's clients ${result.harnessCpuShare.toFixed(2)} (near 1, the clients are the limit, not the gateway).`,
    '',
  ];
  for (const target of manyStreamsTargets(result)) lines.push(`- ${target.target}: **${target.met ? 'met' : 'missed'}** (${target.value})`);
  lines.push('');
  return lines;
}

/** @param {Awaited<ReturnType<typeof import('./stream-phase.mjs').measureStreamPhase>> | null} phase */
function phaseSection(phase) {
  if (!phase) return [];
  const { settings } = phase;
  const figures = deriveStreamFigures(phase);
  const lines = [
    '## Streams under load',
    '',
    `${settings.repeats} run(s) of ${settings.streams} streams per system and case, ${settings.concurrency} at a time, each of ${settings.pieces} pieces ${settings.intervalMs} ms apart, the first sent with the headers; the median run of each figure is shown. First byte: from sending the request to the first body bytes. Piece delay: from the upstream's write of a piece to the client's read of it. Added: the system's figure minus the floor's (the upstream read directly) in the same case. CPU: the gateway process's user and system time over the runs, per stream.`,
    '',
    '| case | system | first byte p50 / p99 (ms) | added first byte p50 / p99 | added piece delay p50 / p99 | CPU per stream (ms) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const streamCase of phase.cases) {
    const added = figures?.rows.find((row) => row.id === streamCase.id)?.added ?? {};
    for (const [systemId, entry] of Object.entries(streamCase.bySystem)) {
      if (entry.status !== 'measured') {
        lines.push(`| ${streamCase.label} | ${entry.label} | ${entry.status}: ${entry.reason} | | | |`);
        continue;
      }
      const mine = added[systemId];
      const failed = entry.failed ? ` (${entry.failed} failed)` : '';
      lines.push(
        `| ${streamCase.label} | ${entry.label}${failed} | ${pair(entry.firstByteP50, entry.firstByteP99)} | ${mine ? pair(mine.firstByteP50, mine.firstByteP99) : '–'} | ${mine ? pair(mine.pieceDelayP50, mine.pieceDelayP99) : `${pair(entry.pieceDelayP50, entry.pieceDelayP99)} (absolute)`} | ${typeof entry.cpuMillisecondsPerStream === 'number' ? entry.cpuMillisecondsPerStream.toFixed(3) : '–'} |`,
      );
    }
  }
  lines.push('');
  for (const target of figures?.targets ?? []) {
    const mark = target.met === true ? 'met' : target.met === false ? 'missed' : 'not measurable in this run';
    lines.push(`- ${target.target}: **${mark}**${target.value ? ` (${target.value})` : ''}`);
  }
  lines.push('');
  return lines;
}
