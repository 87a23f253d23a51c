/**
 * The markdown report (bench/results/latest.md), the table the README quotes. Cells a system
 * could not fill say why through numbered notes, so the table stays narrow.
 */
import { incumbentId, oursId } from './figures.mjs';
import { instructionSection } from './report-instructions.mjs';
import { streamLoadSection } from './report-streams.mjs';

const otherColumns = ['ai-gateway-node-log-off', 'ai-gateway-node-keys', 'ai-gateway-bun', 'reference-proxy'];

const milliseconds = (value) => (typeof value === 'number' ? value.toFixed(2) : '–');
const mebibytes = (bytes) => (typeof bytes === 'number' ? (bytes / 1024 ** 2).toFixed(1) : '–');
const microseconds = (valueMs) => (typeof valueMs === 'number' ? (valueMs * 1000).toFixed(0) : '–');
const times = (value) => (typeof value === 'number' ? `${value.toFixed(2)}x` : '–');
const kibibytes = (bytes) => (typeof bytes === 'number' ? `${(bytes / 1024).toFixed(1)} KiB` : '–');

/** Collects footnotes for n/a cells and hands back their markers. */
function createNotes() {
  /** @type {string[]} */
  const notes = [];
  return {
    mark(label, reason) {
      const text = reason ?? 'not measured';
      let index = notes.indexOf(text);
      if (index === -1) index = notes.push(text) - 1;
      return `${label} [${index + 1}]`;
    },
    render: () => notes.map((note, index) => `[${index + 1}] ${note}`).join('  \n'),
  };
}

/** @param {string} systemId */
const unavailableLabel = (systemId) => (systemId === oursId || systemId === 'ai-gateway-bun' ? 'n/a (not supported yet)' : 'n/a');

/** @param {any} report */
export function renderMarkdownReport(report) {
  const { figures, machine, settings } = report;
  const notes = createNotes();
  const systemIds = Object.keys(report.systems);
  const shown = [oursId, incumbentId, ...otherColumns].filter((id) => systemIds.includes(id));
  const labelOf = (id) => report.systems[id].label;
  const lines = [];

  lines.push('# Benchmark: AI Gateway vs Portkey gateway', '');
  lines.push(
    `Run ${report.generatedAt}${machine.commit ? ` at commit ${machine.commit}` : ''} in ${report.durationSeconds} s on ${machine.cpuCount} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}${machine.bun ? `, Bun ${machine.bun}` : ''}; one-minute load average before the run ${machine.loadAverageAtStart} (other work on the machine skews every figure).${describeStalls(machine.cpuStalls)}`,
    settings.pin
      ? `The load generator (autocannon) and the mock upstream are pinned to CPU ${settings.harnessCpu}; the gateway under test may use every CPU, where the scheduler places its threads.`
      : 'Processes were not pinned to CPUs: the gateway, the load generator and the mock upstream share every CPU.',
    `Each fixed rate runs ${settings.repeats ?? 1} time(s) for ${settings.durationSeconds} s after a ${settings.settleSeconds} s settle, and the run with the median p99 is reported (the same for the floor); a rate is sustained when p99 <= ${settings.p99LimitMs} ms, at least 95% of it is achieved and nothing fails (a failed rate is tried twice). Streams: ${settings.mock.streamChunks} chunks, first one after ${settings.mock.firstChunkDelayMs} ms, ${settings.ttfbSamples} sequential requests.`,
    '',
  );

  lines.push('## Latency added over the floor (ms, p50 / p99)', '');
  const ratioHeader = shown.includes(incumbentId) && shown.includes(oursId) ? ['ours / Portkey (p50 / p99)'] : [];
  const header = ['case', 'req/s', 'floor p50 / p99', ...shown.slice(0, 2).map(labelOf), ...ratioHeader, ...shown.slice(2).map(labelOf)];
  lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
  for (const row of figures.addedLatency) {
    const cell = (systemId) => {
      const value = row.bySystem[systemId];
      if (!value) return '–';
      if (value.status === 'measured') return `${milliseconds(value.addedP50)} / ${milliseconds(value.addedP99)}`;
      if (value.status === 'not sustained') return value.p99 === undefined ? 'above max rate' : `not sustained (p99 ${milliseconds(value.p99)})`;
      if (value.status === 'skipped') return notes.mark('skipped', value.reason);
      return notes.mark(unavailableLabel(systemId), `${labelOf(systemId)}, ${row.caseLabel}: ${value.reason}`);
    };
    const ratioCell = ratioHeader.length ? [`${times(row.ratio.addedP50)} / ${times(row.ratio.addedP99)}`] : [];
    const floor = row.floor ? `${milliseconds(row.floor.p50)} / ${milliseconds(row.floor.p99)}` : '–';
    lines.push(`| ${[row.caseLabel, row.rate, floor, ...shown.slice(0, 2).map(cell), ...ratioCell, ...shown.slice(2).map(cell)].join(' | ')} |`);
  }
  lines.push('');
  const fallbackRows = figures.addedLatency.filter((row) => row.caseId === 'fallback');
  const triedFailing = (row, systemId) => row.bySystem[systemId]?.upstreamCallsPerRequest?.failing;
  if (fallbackRows.some((row) => shown.some((systemId) => typeof triedFailing(row, systemId) === 'number'))) {
    const shares = fallbackRows.map((row) => `${row.rate} req/s: ${shown.filter((systemId) => typeof triedFailing(row, systemId) === 'number').map((systemId) => `${labelOf(systemId)} ${(100 * triedFailing(row, systemId)).toFixed(0)}%`).join(', ')}`);
    lines.push(`Fallback: calls to the failing first target per answered request (a circuit breaker skips a target that keeps failing; above 100% when requests still in flight at the end of a run had called it). ${shares.join('; ')}.`, '');
  }

  lines.push('## Per process', '');
  const perSystem = figures.perSystem;
  const systemHeader = ['figure', 'floor', ...shown.slice(0, 2).map(labelOf), ...(ratioHeader.length ? ['ours / Portkey'] : []), ...shown.slice(2).map(labelOf)];
  lines.push(`| ${systemHeader.join(' | ')} |`, `| ${systemHeader.map(() => '---').join(' | ')} |`);
  const figureRow = (name, render, ratioValue) => {
    const cell = (systemId) => {
      if (report.systems[systemId]?.status !== 'measured') return notes.mark('skipped', `${labelOf(systemId)}: ${report.systems[systemId]?.reason}`);
      return perSystem[systemId] ? render(perSystem[systemId], systemId) : '–';
    };
    const ratioCell = ratioHeader.length ? [times(ratioValue)] : [];
    lines.push(`| ${[name, perSystem.floor ? render(perSystem.floor, 'floor') : '–', ...shown.slice(0, 2).map(cell), ...ratioCell, ...shown.slice(2).map(cell)].join(' | ')} |`);
  };
  const rateCell = (figure) => (figure.maxSustainedRate ? `${figure.maxSustainedRate.atTopOfRamp ? '>= ' : ''}${figure.maxSustainedRate.rate || `< ${settings.rates[0]}`}` : '–');
  if (report.cases.some((benchCase) => benchCase.id === 'passthrough')) {
    figureRow('max sustained rate, passthrough (req/s)', rateCell, figures.ratios?.maxSustainedRate);
  }
  for (const benchCase of report.cases.filter((candidate) => candidate.streams)) {
    figureRow(
      `time to first byte added, ${benchCase.label} (ms, p50 / p99)`,
      (figure, systemId) => {
        const stream = figure.streams[benchCase.id];
        if (systemId === 'floor') return stream?.status === 'measured' ? `${milliseconds(stream.firstByteP50)} / ${milliseconds(stream.firstByteP99)} (absolute)` : '–';
        if (stream?.status !== 'measured') return notes.mark(unavailableLabel(systemId), `${labelOf(systemId)}, ${benchCase.label} stream: ${stream?.reason}`);
        return `${milliseconds(stream.addedP50)} / ${milliseconds(stream.addedP99)}`;
      },
      figures.ratios?.addedFirstByteP50?.[benchCase.id],
    );
  }
  figureRow('RSS at idle (MiB)', (figure) => mebibytes(figure.idleResidentBytes), figures.ratios?.idleResidentBytes);
  figureRow('RSS peak under load (MiB)', (figure) => mebibytes(figure.peakResidentBytesUnderLoad), figures.ratios?.peakResidentBytesUnderLoad);
  figureRow(`CPU per request, passthrough at ${perSystem[oursId]?.cpuReferenceRate ?? 1000} req/s (µs)`, (figure) => microseconds(figure.cpuMillisecondsPerRequest), figures.ratios?.cpuMillisecondsPerRequest);
  lines.push('');
  if (figures.harnessMaxRate) {
    lines.push(`The floor's own maximum (${rateCell(perSystem.floor)} req/s) is the harness's ceiling: the load generator and mock share one CPU.`, '');
  }

  const passthroughRuns = spreadOfRuns(report, shown, labelOf);
  if (passthroughRuns.length) {
    lines.push('## Spread between runs', '', 'p99 of each run of the passthrough case (ms); the median run is the one reported above.', '', ...passthroughRuns, '');
  }

  lines.push(...headToHeadSection(report.headToHead, shown));
  lines.push(...streamLoadSection(report.streamLoad ?? null, report.manyStreams ?? null));
  lines.push(...instructionSection(report.instructionCounts, shown, labelOf, figures.ratios?.instructionsPerRequest));

  lines.push('## Targets', '');
  if (stallsExceedMillisecond(machine.cpuStalls)) {
    lines.push(`This machine's CPUs stopped for more than 1 ms ${machine.cpuStalls.stallsOver1msPerSecond} times a second each before the run, with nothing of the benchmark running (longest ${machine.cpuStalls.longestMs} ms). Every request in flight stops with them, so a p99 near 1 ms is the machine's as much as the gateway's; the plain Node proxy's p99 shows what any Node process gets here.`, '');
  }
  for (const target of figures.targets) {
    const mark = target.met === true ? 'met' : target.met === false ? 'missed' : 'not measurable in this run';
    const value = target.value !== null && target.value !== undefined ? ` (${target.value}${typeof target.headToHeadValue === 'number' ? `; head to head ${target.headToHeadValue}` : ''})` : '';
    lines.push(`- ${target.target}: **${mark}**${value}`);
  }
  lines.push('');

  const bundle = report.workersBundle;
  lines.push('## Workers bundle', '');
  lines.push(bundle.rawBytes === null ? `\`${bundle.path}\`: ${bundle.reason}` : `\`${bundle.path}\`: ${kibibytes(bundle.rawBytes)} raw, ${kibibytes(bundle.gzipBytes)} gzipped.`, '');

  const rendered = notes.render();
  if (rendered) lines.push('## Notes', '', rendered, '');
  return `${lines.join('\n')}`;
}

/** One line per fixed rate: every run's p99 for the floor and each system, where a rate ran more than once. */
function spreadOfRuns(report, shown, labelOf) {
  const pointsOf = (systemId, caseId) => report.systems[systemId]?.cases?.[caseId]?.points ?? [];
  const lines = [];
  for (const rate of report.settings.rates) {
    const floorPoint = pointsOf('floor', 'openai').find((point) => point.offeredRate === rate);
    const entries = [['floor', floorPoint], ...shown.map((systemId) => [labelOf(systemId), pointsOf(systemId, 'passthrough').find((point) => point.offeredRate === rate)])];
    const described = entries.filter(([, point]) => point?.runsP99?.length > 1).map(([label, point]) => `${label} ${point.runsP99.map((value) => value.toFixed(2)).join(', ')}`);
    if (described.length) lines.push(`- ${rate} req/s: ${described.join('; ')}`);
  }
  return lines;
}

/**
 * The head-to-head rounds (head-to-head.mjs): per system, the median of its added latency over
 * the rounds and every round's p99. Empty where they did not run.
 * @param {any} headToHead @param {string[]} shown
 */
function headToHeadSection(headToHead, shown) {
  if (!headToHead) return [];
  const title = `## Head to head: passthrough at ${headToHead.rate} req/s`;
  if (headToHead.skipped) return [title, '', `Not run: ${headToHead.skipped}.`, ''];
  const ids = ['floor', ...shown.filter((id) => headToHead.bySystem[id])];
  const lines = [
    title,
    '',
    `The floor and every gateway that sustained this rate in the main run take turns at it: ${headToHead.rounds} rounds of ${headToHead.durationSeconds} s, the floor first in each round. A gateway's added latency is its run minus the floor's run of the same round, and the median over the rounds is reported, so the machine's drift over minutes falls on every system alike.`,
    '',
    '| system | added p50 / p99 (ms, median of rounds) | p99 of each round (ms) |',
    '| --- | --- | --- |',
  ];
  for (const id of ids) {
    const entry = headToHead.bySystem[id];
    const added = id === 'floor' ? '–' : `${milliseconds(entry.addedP50)} / ${milliseconds(entry.addedP99)}`;
    const failed = entry.failed > 0 ? ` (${entry.failed} requests failed)` : '';
    lines.push(`| ${entry.label} | ${added} | ${entry.runsP99.map(milliseconds).join(', ')}${failed} |`);
  }
  lines.push('');
  return lines;
}

/** The probe's result as a sentence for the machine line; empty where it did not run. */
function describeStalls(stalls) {
  if (!stalls) return '';
  return ` CPU steadiness before the run (a spinning process pinned to each CPU for ${stalls.seconds} s): stalls over 1 ms ${stalls.stallsOver1msPerSecond} per second per CPU, over 2 ms ${stalls.stallsOver2msPerSecond}, longest ${stalls.longestMs} ms, ${(stalls.stalledShare * 100).toFixed(1)}% of the time stopped.`;
}

/** True when the machine stops its CPUs often enough to decide a p99 at 1000 req/s by itself. */
function stallsExceedMillisecond(stalls) {
  return stalls !== null && stalls !== undefined && stalls.stallsOver1msPerSecond >= 1;
}
