/**
 * How steady the machine's CPUs are: one process per CPU, pinned to it, spins for a moment and
 * records every gap in its own clock readings. On bare metal the gaps stay in the microseconds;
 * on a shared virtual machine the hypervisor takes a virtual CPU away for milliseconds at a time,
 * and every process on it (gateway, mock and load generator alike) stops with it. A p99 under a
 * millisecond cannot be judged on a machine whose CPUs stop for longer than that several times a
 * second, so the report prints this next to the figures.
 *
 * Runs before any load, while nothing else of the benchmark is running.
 */
import { spawn } from 'node:child_process';
import { canPinCpus } from './process-launcher.mjs';

/** The spinning child: prints the gaps (ms) longer than 0.2 ms it saw, as JSON. */
const spinner = `
const until = performance.now() + Number(process.argv[1]);
const gaps = [];
let last = performance.now();
while (last < until) {
  const now = performance.now();
  if (now - last > 0.2) gaps.push(now - last);
  last = now;
}
process.stdout.write(JSON.stringify(gaps));`;

/** @param {number} cpu @param {number} milliseconds @returns {Promise<number[]>} */
function spinOn(cpu, milliseconds) {
  return new Promise((resolve, reject) => {
    const args = ['-e', spinner, String(milliseconds)];
    const child = canPinCpus ? spawn('taskset', ['-c', String(cpu), process.execPath, ...args]) : spawn(process.execPath, args);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`the stall probe exited with ${code}`))));
  });
}

/**
 * @param {number} cpuCount
 * @param {number} [seconds]
 * @returns {Promise<{ seconds: number, stallsOver1msPerSecond: number, stallsOver2msPerSecond: number, longestMs: number, stalledShare: number } | null>}
 *   over all CPUs: stalls per second of one CPU, the longest, and the share of time stopped; null where it cannot run
 */
export async function measureCpuStalls(cpuCount, seconds = 2) {
  try {
    const perCpu = await Promise.all(Array.from({ length: cpuCount }, (_, cpu) => spinOn(cpu, seconds * 1000)));
    const gaps = perCpu.flat();
    const cpuSeconds = seconds * cpuCount;
    const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
    return {
      seconds,
      stallsOver1msPerSecond: round(gaps.filter((gap) => gap > 1).length / cpuSeconds, 1),
      stallsOver2msPerSecond: round(gaps.filter((gap) => gap > 2).length / cpuSeconds, 1),
      longestMs: round(Math.max(0, ...gaps)),
      stalledShare: round(gaps.reduce((total, gap) => total + gap, 0) / (cpuSeconds * 1000), 4),
    };
  } catch {
    return null;
  }
}
