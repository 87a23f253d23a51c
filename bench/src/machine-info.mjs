/** The machine a run happened on: numbers from another machine are not comparable, ratios mostly are. */
import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';

/** @param {string | null} bunBinary */
export function describeMachine(bunBinary) {
  let bunVersion = null;
  if (bunBinary) {
    try {
      bunVersion = execFileSync(bunBinary, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      bunVersion = null;
    }
  }
  return {
    // The commit measured, so that a figure can be tied to the code that made it.
    commit: currentCommit(),
    // All CPUs of the machine, not the ones this process is pinned to.
    cpuCount: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os: `${type()} ${release()}`,
    node: process.version,
    bun: bunVersion,
  };
}

/** The checkout's commit, with `+changes` when the working tree differs from it; null outside git. */
function currentCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return changed ? `${commit}+changes` : commit;
  } catch {
    return null;
  }
}
