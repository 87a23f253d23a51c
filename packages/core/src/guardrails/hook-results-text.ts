/**
 * The JSON text of a request's `hook_results`, made once. The same results go into the answer
 * (as its `hook_results` field) and into the request's record (`guardrails`), and a log store that
 * writes records as JSON would otherwise serialise them a second time, on the event loop.
 */
const texts = new WeakMap<object, string>();

export function hookResultsText(results: object): string {
  let text = texts.get(results);
  if (text === undefined) {
    text = JSON.stringify(results);
    texts.set(results, text);
  }
  return text;
}
