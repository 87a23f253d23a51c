/**
 * A guardrail context for the unit tests of the safety and policy checks: a chat request whose last
 * message is `text`, with every field a check may read filled in and `fetch` refusing to be called
 * unless a test gives its own.
 */
import type { GuardrailCheckV1, GuardrailContextV1, GuardrailResultV1, JsonObject } from '@ai-gateway/spec';

export function safetyContext(overrides: Partial<GuardrailContextV1> = {}): GuardrailContextV1 {
  const text = overrides.text ?? 'Hello there';
  return {
    eventType: 'beforeRequestHook',
    requestType: 'chatComplete',
    provider: 'openai',
    model: 'gpt-4o-mini',
    metadata: {},
    text,
    segments: [text],
    requestJson: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] },
    stream: false,
    signal: new AbortController().signal,
    fetch: () => Promise.reject(new Error('this test makes no calls')),
    ...overrides,
  };
}

/** Runs a check after validating its parameters as the gateway does when it reads a config. */
export async function runChecked(check: GuardrailCheckV1, context: GuardrailContextV1, parameters: JsonObject = {}): Promise<GuardrailResultV1> {
  const problem = check.validate?.(parameters);
  if (problem) throw new Error(`invalid parameters: ${problem}`);
  return check.run(context, parameters);
}
