/**
 * The passthrough target measured head to head. The main run measures one system after another,
 * minutes apart, and this machine's noise drifts over minutes: a system whose turn falls in a
 * quiet stretch looks better than one measured in a noisy one, the floor included. Here the floor
 * and every gateway that sustained the rate run side by side and take turns at it, round after
 * round. Each round's added latency is a gateway's run minus the floor's run of the same round,
 * and the median over the rounds is reported, so a noisy stretch falls on every system alike.
 */
import { cases, floorRequests } from './cases.mjs';
import { percentileOfSorted } from './latency-stats.mjs';
import { runAtRate } from './load-runner.mjs';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

const passthrough = /** @type {import('./cases.mjs').BenchCase} */ (cases.find((benchCase) => benchCase.id === 'passthrough'));

/**
 * A gateway joins when the main run measured its passthrough case and every rate up to this one
 * was sustained: an overloaded gateway would still be working off its queue during the next
 * system's turn.
 * @param {any} result the main run's entry for the system
 * @param {number} rate
 */
function sustainedUpTo(result, rate) {
  const measured = result?.status === 'measured' ? result.cases?.passthrough : undefined;
  if (measured?.status !== 'measured') return false;
  return measured.points.every((/** @type {any} */ point) => point.offeredRate > rate || point.sustained);
}

/**
 * @param {{
 *   systems: import('./systems.mjs').SystemDefinition[],
 *   results: Record<string, any>,
 *   upstreams: { origin: string, failingOrigin: string },
 *   startContext: { mockOrigin: string, cpu?: number | string, nodeFlags: string[] },
 *   rate: number,
 *   rounds: number,
 *   durationSeconds: number,
 *   settleSeconds: number,
 *   warmUpSeconds: number,
 * }} settings
 */
export async function measureHeadToHead(settings) {
  const { rate, rounds } = settings;
  const floorShape = floorRequests.openai(settings.upstreams, { stream: false });
  const gatewayShape = passthrough.gatewayRequest(settings.upstreams, { stream: false });
  /** @type {{ id: string, label: string, request: import('./load-runner.mjs').LoadRequest, stop(): Promise<void> }[]} */
  const participants = [];
  const stopAll = () => Promise.all(participants.map((participant) => participant.stop()));
  try {
    for (const system of settings.systems) {
      if (system.isFloor) {
        participants.unshift({ id: system.id, label: system.label, request: { url: `${settings.upstreams.origin}${floorShape.path}`, headers: floorShape.headers, body: floorShape.body }, stop: async () => {} });
        continue;
      }
      if (!sustainedUpTo(settings.results[system.id], rate)) continue;
      const running = await system.start(settings.startContext);
      participants.push({ id: system.id, label: system.label, request: { url: `${running.baseUrl}${gatewayShape.path}`, headers: { ...gatewayShape.headers, ...running.headers }, body: gatewayShape.body }, stop: () => running.stop() });
    }
    if (participants.length < 2) return { rate, rounds: 0, skipped: 'no gateway sustained this rate in the main run', bySystem: {} };

    log(`head to head: passthrough at ${rate} req/s, ${rounds} rounds of ${participants.map((participant) => participant.label).join(', ')}`);
    for (const participant of participants) await runAtRate(participant.request, { rate, durationSeconds: settings.warmUpSeconds, settleSeconds: 0 });

    /** @type {Record<string, { p50: number | null, p99: number | null, failed: number }[]>} */
    const runs = Object.fromEntries(participants.map((participant) => [participant.id, []]));
    const [floor, ...gateways] = participants;
    for (let round = 0; round < rounds; round += 1) {
      // The floor opens every round; the gateways rotate, so none always follows the same one.
      const order = [floor, ...gateways.slice(round % gateways.length), ...gateways.slice(0, round % gateways.length)];
      for (const participant of order) {
        const point = await runAtRate(participant.request, { rate, durationSeconds: settings.durationSeconds, settleSeconds: settings.settleSeconds });
        runs[participant.id].push({ p50: point.latencyMs.p50, p99: point.latencyMs.p99, failed: point.non2xx + point.errors });
      }
      log(`  round ${round + 1}: ${participants.map((participant) => `${participant.label} p99 ${runs[participant.id][round].p99?.toFixed(3)} ms`).join(', ')}`);
    }

    const floorRuns = runs[floor.id];
    /** @param {'p50' | 'p99'} percentile @param {string} id */
    const addedMedian = (percentile, id) => {
      const added = runs[id].map((run, round) => (run[percentile] ?? NaN) - (floorRuns[round][percentile] ?? NaN)).filter(Number.isFinite);
      return percentileOfSorted(added.sort((first, second) => first - second), 50);
    };
    return {
      rate,
      rounds,
      durationSeconds: settings.durationSeconds,
      bySystem: Object.fromEntries(participants.map((participant) => [participant.id, {
        label: participant.label,
        runsP50: runs[participant.id].map((run) => run.p50),
        runsP99: runs[participant.id].map((run) => run.p99),
        failed: runs[participant.id].reduce((total, run) => total + run.failed, 0),
        addedP50: participant === floor ? null : addedMedian('p50', participant.id),
        addedP99: participant === floor ? null : addedMedian('p99', participant.id),
      }])),
    };
  } finally {
    await stopAll();
  }
}
