/**
 * The fields of a config target that the gateway reads itself. Every other field of a target is a
 * provider setting, passed to the provider (strategy/target-options.ts) once checked against what
 * the provider declares (provider-settings.ts).
 */
export const routingFields: ReadonlySet<string> = new Set([
  'provider', 'api_key', 'virtual_key', 'custom_host', 'override_params', 'weight', 'retry', 'request_timeout',
  'forward_headers', 'name', 'strategy', 'targets', 'cache', 'hooks', 'before_request_hooks', 'after_request_hooks',
  'input_guardrails', 'output_guardrails', 'id',
]);
