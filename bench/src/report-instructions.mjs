/**
 * The markdown of the instruction counts (instruction-count.mjs): the figure that does not move
 * with the machine's noise. Part of latest.md, and all that `--instructions-only` prints.
 */

const thousands = (value) => (typeof value === 'number' ? `${(value / 1000).toFixed(1)}k` : '–');

/**
 * The pairs of counted kinds the report compares, second over first: a Responses API request
 * translated to anthropic against the same request as chat completions.
 */
const comparedKinds = [
  { first: 'anthropic', second: 'responses-anthropic', text: 'Responses API vs chat completions, both translated to anthropic' },
  { first: 'anthropic:stream', second: 'responses-anthropic:stream', text: 'Responses API vs chat completions, both translated to anthropic, streamed' },
];

/** A table row's cells after the name(s): main thread, other threads, each process. @param {any} count */
function countCells(count) {
  if (count.status !== 'measured') return [`${count.status === 'n/a' ? 'n/a' : 'not counted'}: ${count.reason}`, '–', '–'];
  const each = count.runs.map((run) => thousands(run.mainThread)).join(', ');
  return [thousands(count.mainThread), thousands(count.otherThreads), `${each} (${(count.spread * 100).toFixed(1)}%)`];
}

/**
 * Empty where the counts were not asked for.
 * @param {any} counts report.instructionCounts @param {string[]} shown system ids, in table order
 * @param {(id: string) => string} labelOf @param {number | null | undefined} oursOverPortkey
 */
export function instructionSection(counts, shown, labelOf, oursOverPortkey) {
  if (!counts) return [];
  const title = '## Instructions per request (callgrind)';
  if (counts.skipped) return [title, '', `Not counted: ${counts.skipped}.`, ''];
  const otherKinds = Object.entries(counts.byCase ?? {});
  const counted = otherKinds.length === 0 ? 'passthrough requests' : 'requests of the one case it counts';
  const lines = [
    title,
    '',
    `Each gateway alone under valgrind's callgrind, ${counts.runs === 1 ? 'in one process' : `in ${counts.runs} processes one after another; the median process is reported`}. A process answers ${counts.warmUpRequests} sequential ${counted} uninstrumented, so that V8 has optimised the request path, then ${counts.measuredRequests} counted. Node gateways run with V8's \`--predictable\`: the JIT and the GC work on the main thread, at points that do not depend on the clock. The main thread is where each request's work is serialised; the other threads are whatever a runtime still does off it. The kernel's part (socket reads and writes) is not in it.${typeof oursOverPortkey === 'number' ? ` Ours / Portkey, main thread: ${oursOverPortkey.toFixed(2)}x.` : ''}`,
    '',
  ];
  const passthroughIds = shown.filter((candidate) => counts.bySystem[candidate]);
  if (passthroughIds.length > 0 || otherKinds.length === 0) {
    if (otherKinds.length > 0) lines.push('Passthrough to openai:', '');
    lines.push('| system | main thread | other threads | main thread, each process (spread) |', '| --- | --- | --- | --- |');
    for (const id of passthroughIds) lines.push(`| ${[labelOf(id), ...countCells(counts.bySystem[id])].join(' | ')} |`);
    lines.push('');
  }
  if (otherKinds.length > 0) {
    lines.push(...otherKindsTable(otherKinds, shown, labelOf, passthroughIds.length > 0), ...comparisonLines(counts, shown, labelOf));
  }
  return lines;
}

/** The counts of the cases other than passthrough, one row per case and system. */
function otherKindsTable(otherKinds, shown, labelOf, afterPassthrough) {
  const streamed = otherKinds.some(([key]) => key.endsWith(':stream'));
  const lines = [
    `${afterPassthrough ? 'Other cases' : 'By case'}, each in processes of its own.${streamed ? ' A streamed answer is 20 events that the counts\' mock upstream sends without pauses, so they reach the gateway in few reads.' : ''}`,
    '',
    '| case | system | main thread | other threads | main thread, each process (spread) |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [, kind] of otherKinds) {
    for (const id of shown.filter((candidate) => kind.bySystem[candidate])) lines.push(`| ${[kind.label, labelOf(id), ...countCells(kind.bySystem[id])].join(' | ')} |`);
  }
  lines.push('');
  return lines;
}

/**
 * One line per compared pair (comparedKinds) that both counts measured, for each system: the
 * instructions per request of each and their ratio.
 */
function comparisonLines(counts, shown, labelOf) {
  const lines = [];
  for (const pair of comparedKinds) {
    const first = counts.byCase?.[pair.first]?.bySystem ?? {};
    const second = counts.byCase?.[pair.second]?.bySystem ?? {};
    const measured = shown.filter((id) => first[id]?.status === 'measured' && second[id]?.status === 'measured');
    if (measured.length === 0) continue;
    const each = measured.map((id) => `${labelOf(id)} ${thousands(second[id].mainThread)} vs ${thousands(first[id].mainThread)} per request, ${(second[id].mainThread / first[id].mainThread).toFixed(3)}x`);
    lines.push(`- ${pair.text} (main thread): ${each.join('; ')}.`);
  }
  if (lines.length > 0) lines.push('');
  return lines;
}
