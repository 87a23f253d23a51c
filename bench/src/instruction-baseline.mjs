/**
 * What this gateway's instructions per passthrough request are held to: at most 3% above the
 * baseline below, counted by `pnpm bench -- --instructions-only --systems ai-gateway-node` (the
 * method and default settings of instruction-count.mjs) at commit d79c05f, before the gateway had a
 * request log; now compared with `--systems ai-gateway-node-log-off` (`baselineSystemId`). bench/HISTORY.md has
 * the runs. A count made with other settings or on another Node is not compared: a shorter
 * warm-up also counts the compiler, and another V8 compiles other code.
 */
export const instructionBaseline = {
  commit: 'd79c05f',
  // The median of six processes, which read 264.7k-265.5k.
  mainThread: 264_900,
  warmUpRequests: 25_000,
  measuredRequests: 2_000,
  node: 'v20.20.2',
};

const tolerance = 0.03;

/** @param {number} mainThread */
const relativeChange = (mainThread) => {
  const percent = (mainThread / instructionBaseline.mainThread - 1) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
};

/**
 * The gateway the baseline is compared with: with the request log and metrics off. The baseline
 * predates them, and their cost is held to a target of its own (the log on costs at most 1.2x it
 * off), so the count with them on would hold this one to both.
 */
export const baselineSystemId = 'ai-gateway-node-log-off';

/**
 * The target as the report lists it: met, missed, or null where this gateway's count cannot be
 * compared with the baseline (not counted, or counted with other settings).
 * @param {any} counts report.instructionCounts, or null
 */
export function instructionTarget(counts) {
  const count = counts?.bySystem?.[baselineSystemId];
  const comparable = count?.status === 'measured'
    && counts.warmUpRequests === instructionBaseline.warmUpRequests
    && counts.measuredRequests === instructionBaseline.measuredRequests
    && counts.node === instructionBaseline.node;
  const baselineText = `${(instructionBaseline.mainThread / 1000).toFixed(1)}k at ${instructionBaseline.commit}`;
  return {
    target: `instructions per passthrough request (main thread, log and metrics off) at most ${tolerance * 100}% above the baseline (${baselineText})`,
    met: comparable ? count.mainThread <= instructionBaseline.mainThread * (1 + tolerance) : null,
    value: comparable ? `${(count.mainThread / 1000).toFixed(1)}k, ${relativeChange(count.mainThread)}` : null,
  };
}
