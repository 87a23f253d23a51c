/**
 * Built-in guardrail checks (`default.*`), each implementing the guardrail contract of
 * @ai-gateway/spec. See docs/guardrails.md for every check and its parameters.
 */
import type { GuardrailCheckV1 } from '@ai-gateway/spec';
import { containsCode } from './checks/contains-code.js';
import { contains } from './checks/contains.js';
import { characterCount, sentenceCount, wordCount } from './checks/counts.js';
import { endsWith } from './checks/ends-with.js';
import { jsonKeys } from './checks/json-keys.js';
import { jsonSchema } from './checks/json-schema.js';
import { allLowercase, allUppercase, lowercase, uppercase } from './checks/letter-case.js';
import { notNull } from './checks/not-null.js';
import { regexMatch } from './checks/regex-match.js';
import { validUrls } from './checks/valid-urls.js';

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
];
