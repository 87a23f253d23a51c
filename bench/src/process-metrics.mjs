/**
 * CPU time and resident memory of a process, read from /proc the way `ps` does, so the figures are
 * the gateway's own and not the load generator's or the mock's (each runs in its own process).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second that /proc/<pid>/stat counts CPU time in; 100 on nearly every Linux. */
const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * User plus system CPU time the process has used so far, in milliseconds.
 * @param {number} pid
 */
export function readCpuMilliseconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis don't.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return ((userTicks + systemTicks) * 1000) / clockTicksPerSecond;
}

/**
 * Resident set size in bytes (VmRSS), or 0 when the process is gone.
 * @param {number} pid
 */
export function readResidentBytes(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples a process while load runs: CPU used over the window and the peak RSS seen.
 * @param {number | undefined} pid undefined for the floor, which has no gateway process
 * @param {number} [intervalMs]
 */
export function startProcessSampler(pid, intervalMs = 100) {
  if (pid === undefined) return { stop: () => ({ cpuMilliseconds: null, peakResidentBytes: null }) };
  const startCpu = readCpuMilliseconds(pid);
  let peakResidentBytes = readResidentBytes(pid);
  const timer = setInterval(() => {
    peakResidentBytes = Math.max(peakResidentBytes, readResidentBytes(pid));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peakResidentBytes = Math.max(peakResidentBytes, readResidentBytes(pid));
      return { cpuMilliseconds: readCpuMilliseconds(pid) - startCpu, peakResidentBytes };
    },
  };
}
