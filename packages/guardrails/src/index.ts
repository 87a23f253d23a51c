/**
 * Built-in guardrail checks (`default.*`), each implementing the guardrail contract of
 * @ai-gateway/spec. See docs/guardrails.md for every check and its parameters.
 */
import type { GuardrailCheckV1 } from '@ai-gateway/spec';
import { allowedRequestTypes } from './checks/allowed-request-types.js';
import { log } from './checks/log.js';
import { modelRules } from './checks/model-rules.js';
import { modelWhitelist } from './checks/model-whitelist.js';
import { pii } from './checks/pii.js';
import { promptInjection } from './checks/prompt-injection.js';
import { requiredMetadataKeys } from './checks/required-metadata-keys.js';
import { secrets } from './checks/secrets.js';
import { webhook } from './checks/webhook.js';

export const builtinGuardrails: readonly GuardrailCheckV1[] = [
  modelWhitelist,
  modelRules,
  allowedRequestTypes,
  requiredMetadataKeys,
  webhook,
  log,
  pii,
  secrets,
  promptInjection,
];
