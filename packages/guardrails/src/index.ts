/**
 * Built-in guardrail checks. The hook contract and the checks land with the guardrails issue;
 * the package exists now so runtimes can depend on it from the start.
 */
export const builtinGuardrails: Readonly<Record<string, never>> = {};
