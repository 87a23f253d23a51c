/**
 * The markdown of the instruction counts (instruction-count.mjs): the figure that does not move
 * with the machine's noise. Part of latest.md, and all that `--instructions-only` prints.
 */

const thousands = (value) => (typeof value === 'number' ? `${(value / 1000).toFixed(1)}k` : '–');

/**
 * Empty where the counts were not asked for.
 * @param {any} counts report.instructionCounts @param {string[]} shown system ids, in table order
 * @param {(id: string) => string} labelOf @param {number | null | undefined} oursOverPortkey
 */
export function instructionSection(counts, shown, labelOf, oursOverPortkey) {
  if (!counts) return [];
  const title = '## Instructions per request (callgrind)';
  if (counts.skipped) return [title, '', `Not counted: ${counts.skipped}.`, ''];
  const lines = [
    title,
    '',
    `Each gateway alone under valgrind's callgrind, ${counts.runs === 1 ? 'in one process' : `in ${counts.runs} processes one after another; the median process is reported`}. A process answers ${counts.warmUpRequests} sequential passthrough requests uninstrumented, so that V8 has optimised the request path, then ${counts.measuredRequests} counted. Node gateways run with V8's \`--predictable\`: the JIT and the GC work on the main thread, at points that do not depend on the clock. The main thread is where each request's work is serialised; the other threads are whatever a runtime still does off it. The kernel's part (socket reads and writes) is not in it.${typeof oursOverPortkey === 'number' ? ` Ours / Portkey, main thread: ${oursOverPortkey.toFixed(2)}x.` : ''}`,
    '',
    '| system | main thread | other threads | main thread, each process (spread) |',
    '| --- | --- | --- | --- |',
  ];
  for (const id of shown.filter((candidate) => counts.bySystem[candidate])) {
    const count = counts.bySystem[id];
    if (count.status !== 'measured') {
      lines.push(`| ${labelOf(id)} | ${count.status === 'n/a' ? 'n/a' : 'not counted'}: ${count.reason} | – | – |`);
      continue;
    }
    const each = count.runs.map((run) => thousands(run.mainThread)).join(', ');
    lines.push(`| ${labelOf(id)} | ${thousands(count.mainThread)} | ${thousands(count.otherThreads)} | ${each} (${(count.spread * 100).toFixed(1)}%) |`);
  }
  lines.push('');
  return lines;
}
