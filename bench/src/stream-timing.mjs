/**
 * Time to first byte of streamed answers: sequential requests (no load, so the number is the
 * path's own cost), timed from sending the request to the first body bytes. The mock upstream
 * sends its headers at once and its first event after a fixed delay, as a model does while it
 * thinks, so this is time to first token, not time to headers.
 */
import { Agent, request as httpRequest } from 'node:http';
import { readStreamedAnswer, streamEndings } from './answer-text.mjs';
import { summarizeLatencies } from './latency-stats.mjs';

/**
 * @param {string} url
 * @param {{ headers: Record<string, string>, body: string }} request
 * @param {Agent} agent
 * @returns {Promise<{ status: number, firstByteMs: number, totalMs: number, body: string }>}
 */
function timeOneStream(url, request, agent) {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    let firstByteMs = -1;
    const outgoing = httpRequest(url, { method: 'POST', headers: request.headers, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        if (firstByteMs < 0) firstByteMs = performance.now() - startedAt;
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, firstByteMs, totalMs: performance.now() - startedAt, body }));
      response.on('error', reject);
    });
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error('stream timed out after 10 s')));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * @param {string} url
 * @param {{ headers: Record<string, string>, body: string }} request
 * @param {{ samples: number, format: import('./answer-text.mjs').AnswerFormat, expectedText: string }} options
 *   the first stream must carry `expectedText` in `format` and end as a complete stream of that
 *   format ends, so a broken stream is never timed as a fast one
 * @returns {Promise<{ supported: true, firstByteMs: ReturnType<typeof summarizeLatencies>, totalMs: ReturnType<typeof summarizeLatencies> } | { supported: false, reason: string }>}
 */
export async function measureStreamTiming(url, request, options) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    // The first call opens the connection and checks the stream is a real one; it is not timed.
    const first = await timeOneStream(url, request, agent);
    if (first.status !== 200) return { supported: false, reason: `stream answers ${first.status}: ${first.body.slice(0, 160)}` };
    const answer = readStreamedAnswer(first.body, options.format);
    if (answer.text !== options.expectedText || !answer.complete) {
      return { supported: false, reason: `the stream did not carry the upstream's events through to ${streamEndings[options.format]}` };
    }
    const firstByte = [];
    const total = [];
    for (let index = 0; index < options.samples; index++) {
      const timing = await timeOneStream(url, request, agent);
      if (timing.status !== 200) return { supported: false, reason: `stream answered ${timing.status} during timing` };
      firstByte.push(timing.firstByteMs);
      total.push(timing.totalMs);
    }
    return { supported: true, firstByteMs: summarizeLatencies(firstByte), totalMs: summarizeLatencies(total) };
  } catch (error) {
    return { supported: false, reason: `stream failed: ${/** @type {Error} */ (error).message}` };
  } finally {
    agent.destroy();
  }
}
