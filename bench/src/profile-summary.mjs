/**
 * `node src/profile-summary.mjs <file.cpuprofile> [top]`: the functions a V8 CPU profile (from
 * `pnpm bench -- --profile`, i.e. `node --cpu-prof`) spent most time in, by self time and by
 * total time (self plus callees), grouped by function and file so a hot path stands out.
 */
import { readFileSync } from 'node:fs';

const [file, topArgument] = process.argv.slice(2);
if (!file) {
  process.stderr.write('Usage: node src/profile-summary.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArgument ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));

/** @type {Map<number, any>} */
const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
/** @type {Map<number, number>} */
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

// Sample counts per node, weighted by the time until the next sample.
/** @type {Map<number, number>} */
const selfMicroseconds = new Map();
profile.samples.forEach((nodeId, index) => {
  const delta = profile.timeDeltas[index + 1] ?? 0;
  selfMicroseconds.set(nodeId, (selfMicroseconds.get(nodeId) ?? 0) + delta);
});

const keyOf = (node) => {
  const frame = node.callFrame;
  const where = frame.url ? frame.url.replace(/^file:\/\//, '').replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/.*\/packages\//, 'packages/') : '';
  return `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
};

/** @type {Map<string, number>} */
const selfByKey = new Map();
/** @type {Map<string, number>} */
const totalByKey = new Map();
let totalTime = 0;
for (const [nodeId, microseconds] of selfMicroseconds) {
  totalTime += microseconds;
  const node = nodesById.get(nodeId);
  const key = keyOf(node);
  selfByKey.set(key, (selfByKey.get(key) ?? 0) + microseconds);
  // Count each function once per stack, even when it recurses.
  const seen = new Set();
  for (let current = nodeId; current !== undefined; current = parentOf.get(current)) {
    const ancestorKey = keyOf(nodesById.get(current));
    if (seen.has(ancestorKey)) continue;
    seen.add(ancestorKey);
    totalByKey.set(ancestorKey, (totalByKey.get(ancestorKey) ?? 0) + microseconds);
  }
}

const print = (title, table) => {
  process.stdout.write(`\n${title}\n`);
  const rows = [...table].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, microseconds] of rows) {
    process.stdout.write(`${((100 * microseconds) / totalTime).toFixed(1).padStart(6)}%  ${(microseconds / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
  }
};
process.stdout.write(`${file}: ${(totalTime / 1000).toFixed(0)} ms sampled\n`);
print('By self time', selfByKey);
print('By total time', totalByKey);
