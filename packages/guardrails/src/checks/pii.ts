/**
 * `default.pii`: finds personal data (emails, phone numbers, payment cards, IBANs, US Social
 * Security numbers, IP addresses) and fails, or with `redact` masks it. Patterns and checksums
 * only: names and postal addresses, which need a model, are not found. See pii-detectors.ts for
 * what each category matches, and docs/guardrails.md for the limits.
 */
import { piiDetectors } from './pii-detectors.js';
import { scannerCheck } from './scanner-check.js';

export const pii = scannerCheck({ id: 'default.pii', noun: 'PII', detectors: piiDetectors });
