/**
 * Builds the context a text check receives, for unit tests: the text judged, on the answer side
 * unless told otherwise. Its `fetch` refuses, so a test fails if a text check ever calls out.
 */
import type { GuardrailContextV1, GuardrailResultV1, JsonObject } from '@ai-gateway/spec';

export function textContext(text: string, overrides: Partial<GuardrailContextV1> = {}): GuardrailContextV1 {
  const eventType = overrides.eventType ?? 'afterRequestHook';
  const requestJson: JsonObject = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: eventType === 'beforeRequestHook' ? text : 'Hello' }] };
  return {
    eventType,
    requestType: 'chatComplete',
    provider: 'openai',
    model: 'gpt-4o-mini',
    metadata: {},
    text,
    segments: [text],
    requestJson,
    ...(eventType === 'afterRequestHook'
      ? { responseJson: { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] }, responseStatus: 200 }
      : {}),
    stream: false,
    signal: new AbortController().signal,
    fetch: () => Promise.reject(new Error('text checks make no network calls')),
    ...overrides,
  };
}

/** Runs a check's `run` and awaits it, whether it answers at once or with a promise. */
export async function runCheck(
  check: { run(context: GuardrailContextV1, parameters: Readonly<JsonObject>): GuardrailResultV1 | Promise<GuardrailResultV1> },
  text: string,
  parameters: JsonObject,
  overrides: Partial<GuardrailContextV1> = {},
): Promise<GuardrailResultV1> {
  return await check.run(textContext(text, overrides), parameters);
}
