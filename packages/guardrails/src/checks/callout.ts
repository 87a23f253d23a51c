/**
 * What `default.webhook` and `default.log` share: the JSON body they POST and the call itself.
 *
 * The body has the shape of Portkey's hook context, so a webhook written for Portkey's gateway
 * reads it unchanged: `{ request: { json, text, isStreamingRequest }, response: { json, text,
 * statusCode }, provider, requestType, metadata, eventType }`. Request headers are never sent.
 * https://github.com/Portkey-AI/gateway/blob/main/src/middlewares/hooks/index.ts
 *
 * The call goes through `context.fetch`, which the gateway binds to its custom-host policy. Every
 * way the call can go wrong (unreachable, too slow, a redirect, a non-2xx answer) throws an Error
 * saying which, so the hook reports it and a deny hook denies. Messages name the URL's origin only:
 * a path or query may hold a token (Slack's webhook URLs do).
 */
import type { GuardrailContextV1, JsonObject } from '@ai-gateway/spec';

/** The request's text as Portkey sends it: the prompt, or the last message's text parts joined. */
function requestText(json: Readonly<JsonObject> | null): string {
  if (!json) return '';
  if (typeof json.prompt === 'string') return json.prompt;
  const messages = json.messages;
  if (!Array.isArray(messages) || messages.length === 0) return '';
  const content = (messages[messages.length - 1] as JsonObject | null)?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (part && typeof part === 'object' && !Array.isArray(part) && typeof part.text === 'string' ? part.text : '')).join('\n');
}

export function calloutBody(context: GuardrailContextV1): JsonObject {
  const output = context.eventType === 'afterRequestHook';
  return {
    request: { json: context.requestJson, text: output ? requestText(context.requestJson) : context.text, isStreamingRequest: context.stream },
    response: output ? { json: context.responseJson ?? null, text: context.text, statusCode: context.responseStatus ?? null } : { json: {}, text: '', statusCode: null },
    provider: context.provider,
    requestType: context.requestType,
    metadata: context.metadata,
    eventType: context.eventType,
  } as JsonObject;
}

/** The URL as messages may show it. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * POSTs `body` as JSON to `url` through `context.fetch` and answers the text of its 2xx answer
 * (or '' when `readAnswer` is false), or throws. The call, answer included, is abandoned after
 * `timeoutMs`, or when the check's own signal aborts.
 */
export async function postJson(context: GuardrailContextV1, url: string, headers: Headers, body: JsonObject, timeoutMs: number, readAnswer: boolean): Promise<string> {
  const where = originOf(url);
  // One signal for both ends of the call: the check's own (the client left, the hook's deadline)
  // and this call's timeout. Built by hand rather than with AbortSignal.any so it also works where
  // the check's signal is only AbortSignal-like.
  const controller = new AbortController();
  const timeout = { aborted: false };
  const timer = setTimeout(() => {
    timeout.aborted = true;
    controller.abort(new Error(`${where} did not answer within ${timeoutMs} ms.`));
  }, timeoutMs);
  const onCancel = () => controller.abort(context.signal.reason);
  if (context.signal.aborted) onCancel();
  else context.signal.addEventListener('abort', onCancel, { once: true });
  const signal = controller.signal;
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  let response: Response | undefined;
  try {
    response = await context.fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal, redirect: 'manual' });
    // With `redirect: 'manual'` a browser-like fetch answers an opaque redirect of status 0.
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new Error(`${where} answered with a redirect (${response.status}); the URL must answer itself, redirects are not followed.`);
    }
    if (response.status < 200 || response.status >= 300) throw new Error(`${where} answered ${response.status}.`);
    if (!readAnswer) return '';
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (timeout.aborted || context.signal.aborted) throw error;
      throw new Error(`${where} broke off its answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    response = undefined;
    return text;
  } catch (error) {
    if (timeout.aborted) throw new Error(`${where} did not answer within ${timeoutMs} ms.`);
    if (context.signal.aborted) throw new Error(`the call to ${where} was cancelled.`);
    // Past the call itself: our own message, already clear.
    if (response) throw error;
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new Error(`${where} could not be reached: ${reason}`);
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', onCancel);
    // An answer not read (a failure, or a log call's) is let go, so its connection is freed.
    await response?.body?.cancel().catch(() => undefined);
  }
}
