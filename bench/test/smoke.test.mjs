/**
 * Keeps `pnpm bench` from rotting: runs it on a tiny load (the floor and this gateway on Node, one
 * rate, one second) and checks the report has every figure. It times nothing: the numbers of a
 * loaded CI machine mean little, only that they are there.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const runFile = promisify(execFile);
const hasValgrind = await runFile('valgrind', ['--version']).then(() => true, () => false);
const benchDirectory = join(import.meta.dirname, '..');
const outDirectory = mkdtempSync(join(tmpdir(), 'ai-gateway-bench-'));
afterAll(() => rmSync(outDirectory, { recursive: true, force: true }));

describe('pnpm bench on a tiny load', () => {
  it('measures the floor and the Node gateway and writes the JSON, markdown and chart', async () => {
    await runFile(
      process.execPath,
      ['src/run.mjs', '--duration', '1', '--rates', '100', '--no-ramp', '--cases', 'passthrough,anthropic,responses-anthropic', '--systems', 'floor,ai-gateway-node', '--ttfb-samples', '3', '--head-to-head-rounds', '1', '--head-to-head-rate', '100', '--instructions-warm-up', '30', '--instructions-requests', '10', '--instructions-runs', '1', '--stream-load-streams', '16', '--many-streams', '20', '--many-streams-seconds', '5', '--no-pin', '--out', outDirectory],
      { cwd: benchDirectory, timeout: 150_000 },
    );
    const report = JSON.parse(readFileSync(join(outDirectory, 'latest.json'), 'utf8'));

    // toMatchObject prints the whole entry, reason included, when a system could not run.
    expect(report.systems.floor).toMatchObject({ status: 'measured' });
    expect(report.systems['ai-gateway-node']).toMatchObject({ status: 'measured' });
    const floorPoint = report.systems.floor.cases.openai.points[0];
    expect(floorPoint.ok).toBeGreaterThan(0);
    expect(floorPoint.latencyMs.p99).toBeGreaterThan(0);

    const passthrough = report.figures.addedLatency.find((row) => row.caseId === 'passthrough' && row.rate === 100);
    expect(typeof passthrough.bySystem['ai-gateway-node'].addedP50).toBe('number');
    expect(typeof passthrough.bySystem['ai-gateway-node'].addedP99).toBe('number');

    const ours = report.figures.perSystem['ai-gateway-node'];
    expect(ours.idleResidentBytes).toBeGreaterThan(0);
    expect(ours.peakResidentBytesUnderLoad).toBeGreaterThan(0);
    expect(ours.cpuMillisecondsPerRequest).toBeGreaterThan(0);
    expect(ours.streams.passthrough.status).toBe('measured');
    expect(typeof ours.streams.passthrough.addedP50).toBe('number');
    // Measured once it lands, reported n/a until then; either way the run must not crash on it.
    expect(['measured', 'n/a']).toContain(report.systems['ai-gateway-node'].cases.anthropic.status);
    // A Responses request translated to anthropic: probed, loaded and its Responses stream timed.
    expect(report.systems['ai-gateway-node'].cases['responses-anthropic']).toMatchObject({ status: 'measured' });
    expect(ours.streams['responses-anthropic']).toMatchObject({ status: 'measured', addedP50: expect.any(Number) });
    expect(readFileSync(join(outDirectory, 'latest.md'), 'utf8')).toContain('| Responses API translated (anthropic) | 100 |');

    // The same rate again with the floor and the gateway taking turns, paired by round.
    expect(report.headToHead).toMatchObject({ rate: 100, rounds: 1 });
    expect(report.headToHead.bySystem['ai-gateway-node'].runsP99).toHaveLength(1);
    expect(typeof report.headToHead.bySystem['ai-gateway-node'].addedP99).toBe('number');
    expect(readFileSync(join(outDirectory, 'latest.md'), 'utf8')).toContain('## Head to head: passthrough at 100 req/s');

    // Instructions per request under callgrind; without valgrind the report says so instead
    // (.ci/run installs it, so CI always takes the first branch).
    expect(readFileSync(join(outDirectory, 'latest.md'), 'utf8')).toContain('## Instructions per request (callgrind)');
    if (hasValgrind) {
      expect(report.instructionCounts.bySystem['ai-gateway-node']).toMatchObject({ status: 'measured', measuredRequests: 10, runs: [{ mainThread: expect.any(Number) }] });
      expect(ours.instructionsPerRequest.mainThread).toBeGreaterThan(10_000);
    } else {
      expect(report.instructionCounts.skipped).toMatch(/valgrind is not installed/);
    }

    // How steady the machine's CPUs were: the yardstick for any sub-millisecond figure.
    // The stream-load phase: every stream case through the floor and the gateway, whole streams only.
    expect(report.streamLoad.cases.map((streamCase) => streamCase.id)).toEqual(['passthrough', 'anthropic-to-chat', 'chat-to-messages', 'chat-to-responses']);
    for (const streamCase of report.streamLoad.cases) {
      expect(streamCase.bySystem.floor).toMatchObject({ status: 'measured', failed: 0 });
      expect(streamCase.bySystem['ai-gateway-node']).toMatchObject({ status: 'measured', failed: 0, firstByteP50: expect.any(Number), pieceDelayP99: expect.any(Number), cpuMillisecondsPerStream: expect.any(Number) });
    }
    expect(readFileSync(join(outDirectory, 'latest.md'), 'utf8')).toContain('| OpenAI chunks to /v1/responses events | AI Gateway (Node) |');
    // The many-streams case, tiny: every stream whole, and the probe answered meanwhile.
    expect(report.manyStreams).toMatchObject({ status: 'measured', streams: 20, peakOpen: 20, dropped: 0, probe: { failed: 0 } });
    expect(report.manyStreams.probe.gateway.samples).toBeGreaterThan(0);
    expect(readFileSync(join(outDirectory, 'latest.md'), 'utf8')).toContain('## Many slow streams at once');
    expect(report.machine.cpuStalls).toMatchObject({ seconds: 2, stallsOver1msPerSecond: expect.any(Number), longestMs: expect.any(Number) });
    expect(readFileSync(join(outDirectory, 'latest.md'), 'utf8')).toContain('CPU steadiness before the run');
    expect(report.workersBundle).toHaveProperty('rawBytes');
    expect(readFileSync(join(outDirectory, 'latest.md'), 'utf8')).toContain('Latency added over the floor');
    expect(readFileSync(join(outDirectory, 'latency-vs-load.svg'), 'utf8')).toMatch(/^<svg/);
  });

  // Without valgrind there is nothing to count; CI installs it.
  it.skipIf(!hasValgrind)('counts instructions alone with --instructions-only: every process, their median and spread', async () => {
    const countsDirectory = join(outDirectory, 'instructions-only');
    const { stdout } = await runFile(
      process.execPath,
      ['src/run.mjs', '--instructions-only', '--systems', 'ai-gateway-node', '--instructions-warm-up', '30', '--instructions-requests', '10', '--instructions-runs', '2', '--out', countsDirectory],
      { cwd: benchDirectory, timeout: 150_000 },
    );
    const { instructionCounts } = JSON.parse(readFileSync(join(countsDirectory, 'instructions.json'), 'utf8'));
    const ours = instructionCounts.bySystem['ai-gateway-node'];
    expect(ours).toMatchObject({ status: 'measured', warmUpRequests: 30, measuredRequests: 10 });
    expect(ours.runs).toHaveLength(2);
    expect(ours.runs.map((run) => run.mainThread)).toContain(ours.mainThread);
    expect(ours.spread).toBeGreaterThanOrEqual(0);
    expect(stdout).toContain('## Instructions per request (callgrind)');
    // A count with other settings than the baseline's is not held to it.
    expect(stdout).toMatch(/above the baseline .*: \*\*not compared/);
    // Nothing but the count ran: no load, so no report of one.
    expect(existsSync(join(countsDirectory, 'latest.json'))).toBe(false);
  });

  it.skipIf(!hasValgrind)('counts the chat and the Responses request translated to anthropic with --instructions-cases, and compares them', async () => {
    const countsDirectory = join(outDirectory, 'instructions-translated');
    const { stdout } = await runFile(
      process.execPath,
      ['src/run.mjs', '--instructions-only', '--systems', 'ai-gateway-node', '--instructions-cases', 'anthropic,responses-anthropic', '--instructions-warm-up', '30', '--instructions-requests', '10', '--instructions-runs', '1', '--out', countsDirectory],
      { cwd: benchDirectory, timeout: 150_000 },
    );
    const { instructionCounts } = JSON.parse(readFileSync(join(countsDirectory, 'instructions.json'), 'utf8'));
    // Passthrough was not asked for: nothing counted for it, each named case in byCase.
    expect(instructionCounts.bySystem).toEqual({});
    const chat = instructionCounts.byCase.anthropic.bySystem['ai-gateway-node'];
    const responses = instructionCounts.byCase['responses-anthropic'].bySystem['ai-gateway-node'];
    expect(chat).toMatchObject({ status: 'measured', measuredRequests: 10 });
    expect(responses).toMatchObject({ status: 'measured', measuredRequests: 10 });
    expect(stdout).toContain('| Responses API translated (anthropic) | AI Gateway (Node) |');
    const ratio = (responses.mainThread / chat.mainThread).toFixed(3);
    expect(stdout).toContain(`- Responses API vs chat completions, both translated to anthropic (main thread): AI Gateway (Node) ${(responses.mainThread / 1000).toFixed(1)}k vs ${(chat.mainThread / 1000).toFixed(1)}k per request, ${ratio}x.`);
  });
});
