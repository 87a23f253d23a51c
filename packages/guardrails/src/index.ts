/**
 * Built-in guardrail checks (`default.*`), each implementing the guardrail contract of
 * @ai-gateway/spec. See docs/guardrails.md for every check and its parameters.
 */
import type { GuardrailCheckV1 } from '@ai-gateway/spec';

export const builtinGuardrails: readonly GuardrailCheckV1[] = [];
