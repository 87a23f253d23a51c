/**
 * The JSON text of a request's `hook_results`, made once. The same results go into the answer
 * (as its `hook_results` field) and into the request's record (`guardrails`), and a log store that
 * writes records as JSON would otherwise serialise them a second time, on the event loop.
 *
 * Only the latest results' texts are kept: a record is built within milliseconds of its answer,
 * and a text kept as long as its results live would be kept as long as a log held in memory keeps
 * its records (the ring of Bun and Workers), for no use.
 */
const maxKeptTexts = 64;
// A ring of the latest results and their texts, found by identity: a `Map` keyed by objects gives
// each results object a hash (a change of its shape) and costs an iterator to evict its oldest.
const keptResults: (object | undefined)[] = new Array(maxKeptTexts).fill(undefined);
const keptTexts: string[] = new Array(maxKeptTexts).fill('');
let nextSlot = 0;

export function hookResultsText(results: object): string {
  const slot = keptResults.indexOf(results);
  if (slot !== -1) return keptTexts[slot]!;
  const text = JSON.stringify(results);
  keptResults[nextSlot] = results;
  keptTexts[nextSlot] = text;
  nextSlot = (nextSlot + 1) % maxKeptTexts;
  return text;
}
