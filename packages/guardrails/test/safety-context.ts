/**
 * A guardrail context for the unit tests of the safety and policy checks: a chat request whose last
 * message is `text`, with every field a check may read filled in and `fetch` refusing to be called
 * unless a test gives its own.
 */
import type { GuardrailCheckV1, GuardrailContextV1, GuardrailResultV1, JsonObject } from '@ai-gateway/spec';
import { textContext } from './text-context.js';

const withFields = <Base extends object, Fields extends object>(base: Base, fields: Fields): Base & Fields => Object.assign({}, base, fields);

export function safetyContext(overrides: Partial<GuardrailContextV1> = {}): GuardrailContextV1 {
  return textContext(overrides.text ?? 'Hello there', withFields({ eventType: 'beforeRequestHook' as const, fetch: () => Promise.reject(new Error('this test makes no calls')) }, overrides));
}

/** Runs a check after validating its parameters as the gateway does when it reads a config. */
export async function runChecked(check: GuardrailCheckV1, context: GuardrailContextV1, parameters: JsonObject = {}): Promise<GuardrailResultV1> {
  const problem = check.validate?.(parameters);
  if (problem) throw new Error(`invalid parameters: ${problem}`);
  return check.run(context, parameters);
}
