/**
 * Built-in guardrail checks (`default.*`), each implementing the guardrail contract of
 * @ai-gateway/spec. See docs/guardrails.md for every check and its parameters.
 */
import type { GuardrailCheckV1 } from '@ai-gateway/spec';
import { allLowercase, allUppercase, lowercase, uppercase } from './checks/letter-case.js';
import { allowedRequestTypes } from './checks/allowed-request-types.js';
import { characterCount, sentenceCount, wordCount } from './checks/counts.js';
import { contains } from './checks/contains.js';
import { containsCode } from './checks/contains-code.js';
import { endsWith } from './checks/ends-with.js';
import { jsonKeys } from './checks/json-keys.js';
import { jsonSchema } from './checks/json-schema.js';
import { log } from './checks/log.js';
import { modelRules } from './checks/model-rules.js';
import { modelWhitelist } from './checks/model-whitelist.js';
import { notNull } from './checks/not-null.js';
import { pii } from './checks/pii.js';
import { promptInjection } from './checks/prompt-injection.js';
import { regexMatch } from './checks/regex-match.js';
import { requiredMetadataKeys } from './checks/required-metadata-keys.js';
import { secrets } from './checks/secrets.js';
import { validUrls } from './checks/valid-urls.js';
import { webhook } from './checks/webhook.js';

export const builtinGuardrails: readonly GuardrailCheckV1[] = [
  regexMatch,
  contains,
  wordCount,
  sentenceCount,
  characterCount,
  jsonSchema,
  jsonKeys,
  containsCode,
  validUrls,
  endsWith,
  allUppercase,
  allLowercase,
  uppercase,
  lowercase,
  notNull,
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
