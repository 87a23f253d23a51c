/**
 * Starts each system under test (and the mock upstream) in a child process of its own, optionally
 * pinned to a CPU, waits until it answers, and stops it by its own pid. Every child is remembered
 * so that a crash or Ctrl-C of the benchmark never leaves a gateway running.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** @type {Set<import('node:child_process').ChildProcess>} */
const liveChildren = new Set();

function killLiveChildren() {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killLiveChildren);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killLiveChildren();
    process.exit(130);
  });
}

/** True where `taskset` exists, so children can be pinned to a CPU. */
export const canPinCpus = existsSync('/usr/bin/taskset') || existsSync('/bin/taskset');

/** A free TCP port on 127.0.0.1 (the OS picks it; it is released before the child binds it). */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} LaunchedProcess
 * @property {number} pid the pid of the program itself (taskset execs it, so no wrapper pid)
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} recentOutput the last few KB of its stdout and stderr, for error messages
 * @property {() => Promise<void>} stop
 */

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, cwd?: string, cpu?: number | string }} [options] cpu: a taskset CPU list, e.g. 0 or "0-1"
 * @returns {LaunchedProcess}
 */
export function launchProcess(command, args, options = {}) {
  const [file, fileArgs] = options.cpu === undefined ? [command, args] : ['taskset', ['-c', String(options.cpu), command, ...args]];
  const child = spawn(file, fileArgs, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => liveChildren.delete(child));

  return {
    pid: /** @type {number} */ (child.pid),
    child,
    recentOutput: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(forced);
    },
  };
}

/**
 * Polls `url` until it answers with any HTTP status, or fails when the process exits or time runs out.
 * @param {string} url
 * @param {LaunchedProcess} launched
 * @param {number} [timeoutMs]
 */
export async function waitUntilAnswering(url, launched, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (launched.child.exitCode !== null) {
      throw new Error(`exited with code ${launched.child.exitCode} before answering:\n${launched.recentOutput()}`);
    }
    try {
      // The probe leaves no idle keep-alive connection behind: one would be closed later (ours
      // keeps them 65 s), in the middle of whatever is measured by then (see instruction-count.mjs).
      const response = await fetch(url, { headers: { connection: 'close' }, signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`did not answer ${url} within ${timeoutMs} ms:\n${launched.recentOutput()}`);
}

/**
 * Waits for the first stdout line that parses as JSON (how the mock upstream reports its ports).
 * @param {LaunchedProcess} launched
 * @returns {Promise<any>}
 */
export function readJsonLine(launched, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`no JSON line within ${timeoutMs} ms:\n${launched.recentOutput()}`)), timeoutMs);
    const onData = (chunk) => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        if (!line.trim().startsWith('{')) continue;
        try {
          const value = JSON.parse(line);
          clearTimeout(timer);
          launched.child.stdout.off('data', onData);
          resolve(value);
          return;
        } catch {
          // a partial line: wait for more
        }
      }
    };
    launched.child.stdout.on('data', onData);
    launched.child.once('exit', (code) => reject(new Error(`exited with code ${code}:\n${launched.recentOutput()}`)));
  });
}
