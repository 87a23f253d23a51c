/**
 * Drives one system at a fixed request rate with autocannon and returns exact latency percentiles.
 *
 * Two things differ from autocannon's defaults, both on purpose:
 * - Pacing. autocannon's own rate limit lets each connection send its whole per-second quota at
 *   the top of every second, so "1000 req/s" really is a burst of 1000 requests followed by
 *   silence, and p99 then measures the burst's queue rather than the system. Here each connection
 *   sends on its own evenly spaced schedule, phase-shifted from the others, so arrivals are
 *   spread across the second. A connection that falls behind does not catch up in a burst: it
 *   sends late, and the achieved rate drops below the offered one, which is how an unsustainable
 *   rate shows.
 * - Precision. autocannon's histogram stores whole milliseconds; the targets here are below one.
 *   Each response's own high-resolution time is kept instead.
 */
import autocannon from 'autocannon';
import { summarizeLatencies } from '/work/main/bench/src/latency-stats.mjs';

/** How often one connection sends. Connections = rate x this, so 1000 req/s uses 50 sockets. */
const connectionIntervalMs = 50;
const maximumConnections = 512;

/**
 * @typedef {object} LoadRequest
 * @property {string} url full URL, e.g. http://127.0.0.1:8787/v1/chat/completions
 * @property {Record<string, string>} headers
 * @property {string} body
 */

/**
 * @param {LoadRequest} request
 * @param {{ rate: number, durationSeconds: number, settleSeconds?: number }} load settleSeconds: responses in this
 *   first stretch are not counted (new sockets, a cold pool and JIT warm-up are not the steady state)
 */
export async function runAtRate(request, load) {
  const connections = Math.max(1, Math.min(maximumConnections, Math.round((load.rate * connectionIntervalMs) / 1000)));
  const intervalMs = (connections * 1000) / load.rate;
  const pendingTimers = new Set();
  let finished = false;
  let clientIndex = 0;
  const startAt = performance.now() + 20;

  /** Replaces autocannon's per-second quota with an evenly spaced schedule for this connection. */
  const paceClient = (client) => {
    const phaseMs = (clientIndex++ * 1000) / load.rate;
    let nextSendAt = startAt + phaseMs;
    const sendNow = client._doRequest.bind(client);
    client.rate = 0; // no quota interval, and no coordinated-omission rewrite of the latencies
    client._doRequest = () => {
      if (finished || client.destroyed) return;
      const now = performance.now();
      const sendAt = Math.max(nextSendAt, now);
      nextSendAt = sendAt + intervalMs;
      if (sendAt - now < 0.5) return sendNow();
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        if (!finished && !client.destroyed) sendNow();
      }, sendAt - now);
      pendingTimers.add(timer);
    };
  };

  const settleSeconds = load.settleSeconds ?? 0.5;
  const countFrom = startAt + settleSeconds * 1000;
  let countedUntil = countFrom;
  let allResponses = 0;
  const latencies = [];
  const statusCounts = {};
  let errors = 0;
  const instance = autocannon({
    url: request.url,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections,
    pipelining: 1,
    duration: settleSeconds + load.durationSeconds,
    timeout: 10,
    setupClient: paceClient,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    const now = performance.now();
    allResponses++;
    if (now < countFrom) return;
    countedUntil = now;
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) { latencies.push(responseTimeMs); globalThis.timeline?.push([now, responseTimeMs]); }
  });
  instance.on('reqError', () => errors++);

  await instance;
  finished = true;
  for (const timer of pendingTimers) clearTimeout(timer);
  const countedSeconds = Math.max((countedUntil - countFrom) / 1000, 0.001);

  const okCount = latencies.length;
  const total = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
  return {
    offeredRate: load.rate,
    achievedRate: okCount / Math.max(countedSeconds, load.durationSeconds * 0.98),
    connections,
    requests: total,
    // Settle included: what the gateway's CPU time and the upstream's counters cover.
    allResponses,
    ok: okCount,
    non2xx: total - okCount,
    errors,
    statusCounts,
    latencyMs: summarizeLatencies(latencies),
  };
}
