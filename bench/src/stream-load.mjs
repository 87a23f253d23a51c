/**
 * Streams under load: `concurrency` clients each asking one streamed answer after another from a
 * paced upstream (mock-upstream.mjs, `/paced/...`: the first piece at once, then one every few
 * milliseconds, each stamped with its send time). Per stream it records the time to first byte;
 * per piece, how long it took from the mock's write to the client's read (the stamp against the
 * client's clock, both on the machine's shared clock). The gateway's CPU over the run, divided by
 * the streams, is its CPU per stream.
 *
 * The floor (the mock read directly) gives the part of each figure the gateway does not add.
 */
import { Agent, request as httpRequest } from 'node:http';
import { readStreamedAnswer } from './answer-text.mjs';
import { stampMicroseconds, stampPattern } from './canned-responses.mjs';
import { summarizeLatencies } from './latency-stats.mjs';
import { startProcessSampler } from './process-metrics.mjs';

/** Characters kept from the previous read when looking for stamps: one may straddle two reads. */
const stampOverlap = 48;

/**
 * @typedef {{ url: string, headers: Record<string, string>, body: string }} StreamRequest
 * @typedef {{ status: number, firstByteMs: number, pieceDelaysMs: number[], body: string }} StreamOutcome
 */

/**
 * One streamed request, read as it arrives.
 * @param {StreamRequest} request @param {Agent} agent @param {number} pieces
 * @param {number} [timeoutMs] the longest silence before the stream counts as failed
 * @returns {Promise<StreamOutcome>}
 */
export function readOneStream(request, agent, pieces, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    let firstByteMs = -1;
    let body = '';
    const seenAt = new Float64Array(pieces).fill(-1);
    const outgoing = httpRequest(request.url, { method: 'POST', headers: request.headers, agent }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        const arrivedAt = stampMicroseconds();
        if (firstByteMs < 0) firstByteMs = performance.now() - startedAt;
        const from = Math.max(0, body.length - stampOverlap);
        body += chunk;
        // Only a piece's first sighting counts: Responses events repeat the text in their `.done` events.
        stampPattern.lastIndex = from;
        for (let match = stampPattern.exec(body); match; match = stampPattern.exec(body)) {
          const index = Number(match[1]);
          if (index < pieces && seenAt[index] < 0) seenAt[index] = (arrivedAt - Number(match[2])) / 1000;
        }
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, firstByteMs, pieceDelaysMs: Array.from(seenAt), body }));
      response.on('error', reject);
    });
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`stream silent for ${timeoutMs / 1000} s`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * Why a stream does not count as a whole, well-formed answer, or null when it does.
 * @param {StreamOutcome} outcome @param {import('./answer-text.mjs').AnswerFormat} format @param {string} expectedText
 */
export function streamFault(outcome, format, expectedText) {
  if (outcome.status !== 200) return `answered ${outcome.status}: ${outcome.body.slice(0, 160)}`;
  const answer = readStreamedAnswer(outcome.body, format);
  if (!answer.complete) return 'the stream did not end as a complete stream of its format ends';
  if (answer.text.replace(/@\d+ /g, ' ') !== expectedText) return 'the stream did not carry every piece the upstream sent, in order';
  if (outcome.pieceDelaysMs.some((delay) => delay < 0)) return 'a piece never arrived';
  return null;
}

/**
 * @param {StreamRequest} request
 * @param {{ streams: number, concurrency: number, pieces: number, format: import('./answer-text.mjs').AnswerFormat, expectedText: string, pid: number | undefined }} options
 */
export async function runStreamLoad(request, options) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const firstBytes = [];
  const pieceDelays = [];
  const faults = [];
  let started = 0;
  const sampler = startProcessSampler(options.pid);
  const startedAt = performance.now();
  const client = async () => {
    while (started < options.streams) {
      started += 1;
      try {
        const outcome = await readOneStream(request, agent, options.pieces);
        const fault = streamFault(outcome, options.format, options.expectedText);
        if (fault) {
          faults.push(fault);
          continue;
        }
        firstBytes.push(outcome.firstByteMs);
        for (const delay of outcome.pieceDelaysMs) pieceDelays.push(delay);
      } catch (error) {
        faults.push(/** @type {Error} */ (error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const { cpuMilliseconds, peakResidentBytes } = sampler.stop();
  agent.destroy();
  return {
    streams: options.streams,
    failed: faults.length,
    firstFault: faults[0] ?? null,
    streamsPerSecond: options.streams / elapsedSeconds,
    firstByteMs: summarizeLatencies(firstBytes),
    pieceDelayMs: summarizeLatencies(pieceDelays),
    cpuMillisecondsPerStream: cpuMilliseconds === null ? null : cpuMilliseconds / options.streams,
    peakResidentBytes,
  };
}
