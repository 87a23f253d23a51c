/**
 * `default.secrets`: finds credentials (API keys of OpenAI, Anthropic, AWS, GitHub, Google, Slack,
 * Stripe; private keys; JWTs) leaking into a prompt or an answer, and fails, or with `redact` masks
 * them. See secret-detectors.ts for each kind's shape.
 */
import { secretDetectors } from './secret-detectors.js';
import { scannerCheck } from './scanner-check.js';

export const secrets = scannerCheck({ id: 'default.secrets', noun: 'secrets', detectors: secretDetectors });
