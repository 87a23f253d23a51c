/**
 * The JSON text of a request's `hook_results`, made once. The same results go into the answer
 * (as its `hook_results` field) and into the request's record (`guardrails`), and a log store that
 * writes records as JSON would otherwise serialise them a second time, on the event loop.
 *
 * Only the latest results' texts are kept: a record is built within milliseconds of its answer,
 * and a text kept as long as its results live would be kept as long as a log held in memory keeps
 * its records (the ring of Bun and Workers), for no use.
 */
import type { CheckResult, HookResult } from './run-hooks.js';

const maxKeptTexts = 64;
const recentTexts = new Map<object, string>();

/** A value as JSON, as a field of `JSON.stringify` would write it (a number that is not finite is null). */
const json = (value: unknown): string => JSON.stringify(value) ?? 'null';

/**
 * The results as `JSON.stringify` writes them, with the fields every hook and check has written as
 * text: `JSON.stringify` spends more on each key than on its value, and these are most of the keys.
 */
function resultsText(results: { before_request_hooks: HookResult[]; after_request_hooks: HookResult[] }): string {
  return `{"before_request_hooks":[${results.before_request_hooks.map(hookText).join(',')}],"after_request_hooks":[${results.after_request_hooks.map(hookText).join(',')}]}`;
}

function hookText(hook: HookResult): string {
  return `{"id":${json(hook.id)},"type":${json(hook.type)},"verdict":${hook.verdict},"deny":${hook.deny},"async":${hook.async},"transformed":${hook.transformed},"checks":[${hook.checks.map(checkText).join(',')}],"feedback":${json(hook.feedback)},"execution_time":${json(hook.execution_time)},"created_at":${json(hook.created_at)}}`;
}

function checkText(check: CheckResult): string {
  const error = check.error === undefined ? '' : `,"error":${json(check.error)}`;
  return `{"id":${json(check.id)},"verdict":${check.verdict},"data":${json(check.data)}${error},"execution_time":${json(check.execution_time)},"created_at":${json(check.created_at)}}`;
}

/** Whether `results` has the shape `resultsText` writes; anything else is serialised as it is. */
function isHookResults(results: object): results is { before_request_hooks: HookResult[]; after_request_hooks: HookResult[] } {
  const keys = Object.keys(results);
  return keys.length === 2 && keys[0] === 'before_request_hooks' && keys[1] === 'after_request_hooks'
    && Array.isArray((results as { before_request_hooks?: unknown }).before_request_hooks) && Array.isArray((results as { after_request_hooks?: unknown }).after_request_hooks);
}

export function hookResultsText(results: object): string {
  const known = recentTexts.get(results);
  if (known !== undefined) return known;
  const text = isHookResults(results) ? resultsText(results) : JSON.stringify(results);
  if (recentTexts.size >= maxKeptTexts) recentTexts.delete(recentTexts.keys().next().value!);
  recentTexts.set(results, text);
  return text;
}
