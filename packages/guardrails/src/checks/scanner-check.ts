/**
 * The shape `default.pii` and `default.secrets` share. Parameters: `categories` (which to look for,
 * all by default) and `redact` (false by default).
 *
 * - Without `redact` the check judges the text (the user's last message on input, the answer on
 *   output) and fails when anything is found.
 * - With `redact` it passes, and rewrites every text of the request or answer (earlier messages and
 *   the system prompt too, since they also reach the provider) with each finding replaced by
 *   `[REDACTED_<CATEGORY>]`. Nothing found: no rewrite, so the body goes on untouched.
 *
 * `data.found` counts findings per category, never their values.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, listOf, onlyKnown, optionalBoolean } from '../parameters.js';
import { countByCategory, type Detector, type Finding, redacted, withoutOverlaps } from './findings.js';

export interface ScannerOptions {
  id: string;
  /** What the check looks for, in the words of its messages: 'PII', 'secrets'. */
  noun: string;
  detectors: Readonly<Record<string, Detector>>;
}

function findAll(text: string, detectors: readonly Detector[]): Finding[] {
  const findings: Finding[] = [];
  for (const detect of detectors) detect(text, findings);
  return withoutOverlaps(findings);
}

export function scannerCheck(options: ScannerOptions): GuardrailCheckV1 {
  const names = Object.keys(options.detectors);
  // In the detectors' own order whatever the config's, since the first listed wins a tie.
  const chosen = (parameters: Readonly<JsonObject>) => {
    const categories = parameters.categories as string[] | undefined;
    return names.filter((name) => !categories || categories.includes(name)).map((name) => options.detectors[name]);
  };
  return {
    specificationVersion: 'v1',
    id: options.id,
    // Rewrites only with `redact: true`; otherwise it judges and never copies the body.
    mutates: (parameters) => parameters.redact === true,
    validate: (parameters) => firstProblem(onlyKnown(parameters, ['categories', 'redact']), listOf(parameters, 'categories', names), optionalBoolean(parameters, 'redact')),
    run(context, parameters) {
      const detectors = chosen(parameters);
      if (parameters.redact !== true) {
        const found = countByCategory(findAll(context.text, detectors));
        const kinds = Object.keys(found);
        const explanation = kinds.length === 0 ? `No ${options.noun} found.` : `Found ${options.noun}: ${kinds.join(', ')}.`;
        return { verdict: kinds.length === 0, data: { explanation, found, redacted: false } };
      }
      const found: Record<string, number> = {};
      let changed = false;
      const segments = context.segments.map((segment) => {
        const findings = findAll(segment, detectors);
        if (findings.length === 0) return segment;
        changed = true;
        countByCategory(findings, found);
        return redacted(segment, findings);
      });
      const kinds = Object.keys(found);
      const explanation = kinds.length === 0 ? `No ${options.noun} found.` : `Redacted ${options.noun}: ${kinds.join(', ')}.`;
      return changed ? { verdict: true, data: { explanation, found, redacted: true }, transformedSegments: segments } : { verdict: true, data: { explanation, found, redacted: false } };
    },
  };
}
