/**
 * `pnpm bench -- --instructions-only`: instructions per request (passthrough, or the kinds
 * `--instructions-cases` names) and nothing else (no load, no timings), for comparing builds in a
 * few minutes. Prints the markdown section of the report and the target against the baseline;
 * writes <out>/instructions.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { incumbentId, oursId, ratio } from './figures.mjs';
import { instructionTarget } from './instruction-baseline.mjs';
import { countInstructionsOfEach } from './instruction-count.mjs';
import { instructionSection } from './report-instructions.mjs';
import { systems } from './systems.mjs';

/** @param {ReturnType<typeof import('./options.mjs').readOptions>} options */
export async function countInstructionsOnly(options) {
  const counts = await countInstructionsOfEach(options, undefined);
  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, 'instructions.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), instructionCounts: counts }, null, 2)}\n`);
  const labelOf = (id) => systems.find((system) => system.id === id)?.label ?? id;
  const target = instructionTarget(counts);
  const mark = target.met === true ? 'met' : target.met === false ? 'missed' : 'not compared (other settings, another Node, or not counted)';
  const oursOverPortkey = ratio(counts?.bySystem?.[oursId]?.mainThread, counts?.bySystem?.[incumbentId]?.mainThread);
  const lines = [...instructionSection(counts, options.systems, labelOf, oursOverPortkey), `- ${target.target}: **${mark}**${target.value ? ` (${target.value})` : ''}`, ''];
  process.stdout.write(lines.join('\n'));
}
