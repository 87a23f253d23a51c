/**
 * `default.webhook`: the operator's own guardrail behind a URL. The gateway POSTs Portkey's hook
 * context (callout.ts) and the webhook answers JSON `{ "verdict": boolean, "data"?: any,
 * "transformedData"?: { "request": { "json": {...} } } }`: the verdict decides, `data` is reported
 * in `hook_results`, and a rewritten body rewrites the texts of the request (input hooks) or of the
 * answer (output hooks). Parameters as Portkey's check: `webhookURL`, `headers`, `timeout` (ms,
 * 3000 by default). https://portkey.ai/docs/product/guardrails/bring-your-own-guardrails
 *
 * Unlike Portkey's, a webhook that cannot be asked (too slow, unreachable, a redirect, a non-2xx or
 * non-JSON answer) is an error, never a pass: the check throws, and a deny hook denies.
 */
import type { GuardrailCheckV1, GuardrailResultV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, headersParameter, httpUrl, onlyKnown, readHeaders, wholeNumberBetween } from '../parameters.js';
import { calloutBody, originOf, postJson } from './callout.js';
import { rewrittenSegments } from './json-text-rewrite.js';

export const defaultWebhookTimeoutMs = 3000;
/** Beyond this a webhook holds up every request more than any guardrail should. */
export const maxWebhookTimeoutMs = 30_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const webhook: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.webhook',
  // Its answer may rewrite the texts, so the gateway hands it a copy of the body to change.
  mutates: true,
  validate: (parameters) =>
    firstProblem(
      onlyKnown(parameters, ['webhookURL', 'headers', 'timeout']),
      httpUrl(parameters, 'webhookURL', { required: true }),
      headersParameter(parameters, 'headers'),
      wholeNumberBetween(parameters, 'timeout', 1, maxWebhookTimeoutMs),
    ),
  async run(context, parameters) {
    const url = parameters.webhookURL as string;
    const where = originOf(url);
    const timeoutMs = (parameters.timeout as number | undefined) ?? defaultWebhookTimeoutMs;
    const headers = parameters.headers === undefined ? new Headers() : readHeaders(parameters.headers)!;
    const text = await postJson(context, url, headers, calloutBody(context), timeoutMs, true);
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new Error(`${where} answered something other than JSON; a webhook answers { "verdict": true | false, "data": ... }.`);
    }
    if (!isObject(answer) || typeof answer.verdict !== 'boolean') throw new Error(`${where} answered JSON without a boolean 'verdict'.`);
    const result: GuardrailResultV1 = {
      verdict: answer.verdict,
      data: { explanation: `The webhook at ${where} answered ${answer.verdict ? 'pass' : 'fail'}.`, webhook: where, responseData: answer.data ?? null },
    };
    // As Portkey does: a rewrite of the other side (the answer, in an input hook) is not applied.
    const side = context.eventType === 'beforeRequestHook' ? 'request' : 'response';
    const transformed = isObject(answer.transformedData) ? answer.transformedData[side] : undefined;
    const rewritten = isObject(transformed) ? transformed.json : undefined;
    if (isObject(rewritten)) {
      const original: Readonly<JsonObject> | null | undefined = side === 'request' ? context.requestJson : context.responseJson;
      if (!original) throw new Error(`${where} rewrote the ${side}, which has no JSON body to rewrite.`);
      try {
        const segments = rewrittenSegments(original, rewritten, context.segments);
        if (segments) result.transformedSegments = segments;
      } catch (error) {
        throw new Error(`${where}'s transformedData cannot be applied: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return result;
  },
};
