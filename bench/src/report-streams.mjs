/**
 * The stream-load phase in the markdown report: per case and system, what the gateway adds to the
 * time to first byte and to each piece's trip, and its CPU per stream; then the streams targets.
 */
import { deriveStreamFigures } from './stream-phase.mjs';

const milliseconds = (value) => (typeof value === 'number' ? value.toFixed(2) : '–');
const pair = (first, second) => `${milliseconds(first)} / ${milliseconds(second)}`;

/** @param {Awaited<ReturnType<typeof import('./stream-phase.mjs').measureStreamPhase>> | null} phase */
export function streamLoadSection(phase) {
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
