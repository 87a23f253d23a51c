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
const recentTexts = new Map<object, string>();

export function hookResultsText(results: object): string {
  const known = recentTexts.get(results);
  if (known !== undefined) return known;
  const text = JSON.stringify(results);
  if (recentTexts.size >= maxKeptTexts) recentTexts.delete(recentTexts.keys().next().value!);
  recentTexts.set(results, text);
  return text;
}
