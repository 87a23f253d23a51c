/**
 * `default.promptInjection`: a heuristic score of how much the user's last message (on input
 * hooks only) looks like a prompt injection or jailbreak. Each signal that fires (see
 * prompt-injection-signals.ts) adds its weight as an independent piece of evidence:
 * score = 1 - (1 - w1)(1 - w2)...; the check fails when the score reaches `threshold` (0.5 by
 * default). `categories` limits which signals count.
 *
 * It is a tripwire, not a classifier: English phrasings only, no paraphrase, translation or
 * homoglyph (Cyrillic "о" for "o") is recognised, and quoting an attack to discuss it fires the
 * same signals. docs/guardrails.md says more.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, listOf, numberBetween, onlyKnown } from '../parameters.js';
import { phraseSignals, roleplayFraming, roleplayWeight, signalNames, trickWeights } from './prompt-injection-signals.js';

export const defaultInjectionThreshold = 0.5;

/** Characters that change nothing a reader sees: zero-width, bidi controls, soft hyphen, tag characters. */
const invisible = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;
/** A run of tag characters, with the black flag that starts an emoji subdivision flag (🏴 + tags + cancel tag). */
const tagRun = /(\u{1F3F4})?([\u{E0000}-\u{E007F}]+)/gu;
const zeroWidthInWord = /[A-Za-z][\u200B-\u200D\u2060\uFEFF]+(?=[A-Za-z])/g;
const bidiOverride = /[\u202A-\u202E\u2066-\u2069]/;
const base64Blob = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{120,}={0,2}/g;
const decodeAndFollow = /\b(?:decode|decipher|decrypt)\b[\s\S]{0,100}\b(?:follow|execute|obey|carry\s+out|do\s+(?:what|as)\s+it\s+says)\b|\b(?:follow|execute|obey|carry\s+out)\b[\s\S]{0,100}\b(?:decoded|base64)\b/;
/** Bounds on the blobs decoded, so a body of base64 costs no more than reading it. */
const maxBlobs = 16;
const maxBlobChars = 64 * 1024;
const maxHiddenChars = 64 * 1024;

function normalised(text: string): string {
  return text.replace(invisible, '').normalize('NFKC').toLowerCase();
}

/** The ASCII hidden in tag characters (each is U+E0000 + an ASCII code), emoji flags left out; at most `maxHiddenChars` of it. */
function hiddenByTags(text: string): string {
  const hidden: string[] = [];
  tagRun.lastIndex = 0;
  for (let match = tagRun.exec(text); match !== null && hidden.length < maxHiddenChars; match = tagRun.exec(text)) {
    const run = match[2];
    // A flag is at most six tags and the cancel tag, each two UTF-16 units.
    if (match[1] !== undefined && run.length <= 14 && run.endsWith('\u{E007F}')) continue;
    for (const character of run) {
      if (hidden.length >= maxHiddenChars) break;
      const code = character.codePointAt(0)! - 0xe0000;
      hidden.push(code >= 0x20 && code <= 0x7e ? String.fromCharCode(code) : ' ');
    }
    hidden.push(' ');
  }
  return hidden.join('');
}

/** Whether at least `least` zero-width characters sit inside words. */
function zeroWidthInWords(text: string, least: number): boolean {
  let count = 0;
  zeroWidthInWord.lastIndex = 0;
  while (zeroWidthInWord.exec(text) !== null) if (++count >= least) return true;
  return false;
}

/** The text of a base64 blob, when it decodes to mostly printable ASCII. */
function decodedBlob(blob: string): string | undefined {
  const usable = blob.replace(/=+$/, '').slice(0, maxBlobChars);
  let decoded: string;
  try {
    decoded = atob(usable.slice(0, usable.length - (usable.length % 4)));
  } catch {
    return undefined;
  }
  let printable = 0;
  for (let index = 0; index < decoded.length; index++) {
    const code = decoded.charCodeAt(index);
    if ((code >= 0x20 && code <= 0x7e) || code === 0x0a || code === 0x0d || code === 0x09) printable++;
  }
  return decoded.length > 0 && printable / decoded.length >= 0.9 ? decoded : undefined;
}

function phrasesIn(text: string, enabled: (name: string) => boolean, into: Set<string>): void {
  for (const [name, signal] of Object.entries(phraseSignals)) {
    if (enabled(name) && signal.patterns.some((pattern) => pattern.test(text))) into.add(name);
  }
}

const weights: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Object.entries(phraseSignals).map(([name, signal]) => [name, signal.weight])),
  roleplay_jailbreak: roleplayWeight,
  ...trickWeights,
};

/** The signals that fire on `text`, among those `enabled`. */
export function injectionSignals(text: string, enabled: (name: string) => boolean = () => true): Set<string> {
  const fired = new Set<string>();
  const plain = normalised(text);
  phrasesIn(plain, enabled, fired);
  if (enabled('roleplay_jailbreak') && phraseSignals.restriction_removal.patterns[0].test(plain) && roleplayFraming.test(plain)) fired.add('roleplay_jailbreak');

  const hidden = hiddenByTags(text);
  if (hidden !== '') {
    if (enabled('unicode_tags')) fired.add('unicode_tags');
    // What was hidden counts as if it had been written out.
    phrasesIn(normalised(hidden), enabled, fired);
  }
  if (enabled('invisible_characters') && (bidiOverride.test(text) || zeroWidthInWords(text, 3))) fired.add('invisible_characters');

  if (enabled('encoded_instructions') || enabled('encoded_payload')) {
    const toldToDecode = enabled('encoded_payload') && decodeAndFollow.test(plain);
    let blobs = 0;
    base64Blob.lastIndex = 0;
    for (let match = base64Blob.exec(text); match !== null && blobs < maxBlobs; match = base64Blob.exec(text), blobs++) {
      if (toldToDecode) fired.add('encoded_payload');
      const decoded = enabled('encoded_instructions') ? decodedBlob(match[0]) : undefined;
      if (decoded === undefined) continue;
      const inside = new Set<string>();
      phrasesIn(normalised(decoded), (name) => name !== 'restriction_removal', inside);
      if (inside.size > 0) fired.add('encoded_instructions');
    }
  }
  return fired;
}

export function injectionScore(signals: Iterable<string>): number {
  let doubt = 1;
  for (const name of signals) doubt *= 1 - (weights[name] ?? 0);
  return 1 - doubt;
}

export const promptInjection: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.promptInjection',
  events: ['beforeRequestHook'],
  validate: (parameters: Readonly<JsonObject>) => firstProblem(onlyKnown(parameters, ['threshold', 'categories']), numberBetween(parameters, 'threshold', 0, 1), listOf(parameters, 'categories', signalNames)),
  run(context, parameters) {
    const threshold = (parameters.threshold as number | undefined) ?? defaultInjectionThreshold;
    const categories = parameters.categories as string[] | undefined;
    const signals = [...injectionSignals(context.text, categories ? (name) => categories.includes(name) : undefined)];
    const score = Math.round(injectionScore(signals) * 100) / 100;
    const verdict = score < threshold;
    const explanation = signals.length === 0 ? 'No sign of prompt injection.' : `Prompt injection score ${score} (threshold ${threshold}): ${signals.join(', ')}.`;
    return { verdict, data: { explanation, score, threshold, signals } };
  },
};
