/**
 * Checks, before any load, that a system really does what a case is about: answers with the
 * upstream's text in the API the client asked in, reached the upstreams it should (the failing one
 * first for a fallback, none at all for a cache hit). A system that doesn't is reported n/a with
 * the reason, never measured.
 */

import { answerTextOf } from './answer-text.mjs';

/**
 * @typedef {object} ProbeExpectation
 * @property {string} answerText the assistant text the answer must carry
 * @property {'chat' | 'responses'} [answerFormat] the API the answer must be in: OpenAI chat
 *   completions (the default) or OpenAI's Responses API (answer-text.mjs)
 * @property {Record<string, number>} upstreamPaths requests each upstream path must receive per call
 * @property {Record<string, number>} [failingPaths] the same, for the failing (503) upstream
 * @property {boolean} [primeFirst] send once before probing, so a cache has something to hit
 */

/** @param {string} statsUrl */
async function readUpstreamCounts(statsUrl) {
  const response = await fetch(statsUrl);
  return /** @type {{ upstream: Record<string, number>, failing: Record<string, number> }} */ (await response.json());
}

/** @param {Record<string, number>} before @param {Record<string, number>} after */
function deltas(before, after) {
  /** @type {Record<string, number>} */
  const result = {};
  for (const path of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const delta = (after[path] ?? 0) - (before[path] ?? 0);
    if (delta !== 0) result[path] = delta;
  }
  return result;
}

const sameCounts = (actual, expected) => JSON.stringify(Object.entries(actual).sort()) === JSON.stringify(Object.entries(expected).sort());

/** @param {string} text */
function errorMessageOf(text) {
  try {
    const json = JSON.parse(text);
    return String(json?.error?.message ?? json?.message ?? text).slice(0, 160);
  } catch {
    return text.slice(0, 160);
  }
}

const formatNames = { chat: 'OpenAI format', responses: 'Responses API format' };

/**
 * Why an answer is not the one the case expects, or null when it is: a 200 whose body carries the
 * upstream's text in the case's format.
 * @param {number} status @param {string} text the body @param {ProbeExpectation} expectation
 * @returns {string | null}
 */
export function answerMismatch(status, text, expectation) {
  if (status !== 200) return `answers ${status}: ${errorMessageOf(text)}`;
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return 'answers 200 with a body that is not JSON';
  }
  const format = expectation.answerFormat ?? 'chat';
  if (answerTextOf(json, format) !== expectation.answerText) return `answers 200 without the upstream answer in ${formatNames[format]}`;
  return null;
}

/**
 * @param {{ url: string, headers: Record<string, string>, body: string }} request
 * @param {ProbeExpectation} expectation
 * @param {string} statsUrl the mock's request counters
 * @returns {Promise<{ supported: true } | { supported: false, reason: string }>}
 */
export async function probeCase(request, expectation, statsUrl) {
  const send = () => fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  try {
    if (expectation.primeFirst) {
      await (await send()).arrayBuffer();
      // A cache may store its entry off the hot path, just after answering.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const before = await readUpstreamCounts(statsUrl);
    const response = await send();
    const text = await response.text();
    const after = await readUpstreamCounts(statsUrl);

    const mismatch = answerMismatch(response.status, text, expectation);
    if (mismatch) return { supported: false, reason: mismatch };

    const upstreamDelta = deltas(before.upstream, after.upstream);
    const failingDelta = deltas(before.failing, after.failing);
    if (!sameCounts(failingDelta, expectation.failingPaths ?? {})) {
      return { supported: false, reason: `answered without trying the failing first target (it got ${JSON.stringify(failingDelta)})` };
    }
    if (!sameCounts(upstreamDelta, expectation.upstreamPaths)) {
      const cacheStatus = response.headers.get('x-portkey-cache-status');
      const reason = expectation.primeFirst
        ? `no cache hit: a repeated request still reached the upstream${cacheStatus ? ` (x-portkey-cache-status: ${cacheStatus})` : ''}`
        : `the upstream got ${JSON.stringify(upstreamDelta)}, expected ${JSON.stringify(expectation.upstreamPaths)}`;
      return { supported: false, reason };
    }
    return { supported: true };
  } catch (error) {
    return { supported: false, reason: `request failed: ${/** @type {Error} */ (error).message}` };
  }
}
