/**
 * `default.log`: POSTs Portkey's hook context (callout.ts) to `logURL` and passes. As Portkey's check
 * of the same id and parameters (`logURL`, `headers`), the call has 3 seconds; a log endpoint that
 * cannot be reached, is too slow, redirects or answers a non-2xx makes the check throw, so the
 * failure shows in `hook_results` (put it in an `async` hook to keep it off the request's time).
 * https://github.com/Portkey-AI/gateway/blob/main/plugins/default/log.ts
 */
import type { GuardrailCheckV1 } from '@ai-gateway/spec';
import { firstProblem, headersParameter, httpUrl, onlyKnown, readHeaders } from '../parameters.js';
import { calloutBody, originOf, postJson } from './callout.js';

export const logTimeoutMs = 3000;

export const log: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.log',
  validate: (parameters) => firstProblem(onlyKnown(parameters, ['logURL', 'headers']), httpUrl(parameters, 'logURL', { required: true }), headersParameter(parameters, 'headers')),
  async run(context, parameters) {
    const url = parameters.logURL as string;
    const headers = parameters.headers === undefined ? new Headers() : readHeaders(parameters.headers)!;
    await postJson(context, url, headers, calloutBody(context), logTimeoutMs, false);
    return { verdict: true, data: { explanation: `Logged the ${context.eventType === 'beforeRequestHook' ? 'request' : 'answer'} to ${originOf(url)}.` } };
  },
};
