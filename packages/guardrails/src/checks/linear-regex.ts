/**
 * Regular expressions from configs, run on RE2 (re2js, the engine core uses for `$regex`
 * conditions), whose matching time is linear in the text: a config may come from a request's
 * header, and a backtracking engine lets a pattern like `(a+)+$` hold the event loop for minutes on
 * a crafted text. RE2 reads Portkey's JavaScript patterns as they are, less lookaround and
 * backreferences, which it refuses; JavaScript-only escapes (`\u00e9`, `[^]`, `\cA`) are
 * translated. Inline flags work: `(?i)apple` matches case-insensitively.
 *
 * Linear still has a constant. The work is about the compiled program's size times the text's
 * length, and at worst re2js takes about 35 ns per unit (Node 20, re2js 2.10, `(?i)a{1,999}b` over
 * 100,000 "a"s, 2000 instructions: 6.7 s). So a pattern's program is capped when the config is
 * read, and one run of a check gets `regexWorkPerCheck` units: about a third of a second at worst,
 * a few milliseconds for the usual pattern over a long answer. A run that would need more throws
 * (the hook's `on_fail` decides); the text is never cut short, which would change what `$` answers.
 */
import { RE2JS } from 're2js';

/** Longest pattern, in characters. */
export const maxPatternLength = 1_000;
/** Largest compiled pattern, in RE2 instructions (repetition counts multiply it). */
export const maxPatternProgramSize = 500;
/** Work one run of a check may do: program size times characters read, over all its matches. */
export const regexWorkPerCheck = 10_000_000;

/** What is left of one run's regular expression work. */
export interface RegexBudget {
  remaining: number;
}

export function newRegexBudget(): RegexBudget {
  return { remaining: regexWorkPerCheck };
}

const compiledPatterns = new Map<string, RE2JS>();
const backreference = /\\(?:[1-9]|k<)/;

function translated(pattern: string): RE2JS | undefined {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch {
    return undefined;
  }
}

/** The compiled pattern, or a message (without the parameter's name) saying why it can't be one. */
export function compileLinear(pattern: string): RE2JS | string {
  const cached = compiledPatterns.get(pattern);
  if (cached) return cached;
  if (pattern.length > maxPatternLength) return `is longer than ${maxPatternLength} characters.`;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    // A JavaScript-only escape is rewritten to RE2's spelling; a backreference is not (the
    // translation would silently drop it), so that pattern keeps its first error.
    const rewritten = backreference.test(pattern) ? undefined : translated(pattern);
    if (rewritten === undefined) return `is not a pattern the linear-time engine runs (RE2 syntax: no lookaround or backreferences): ${(error as Error).message}`;
    compiled = rewritten;
  }
  if (compiled.programSize() > maxPatternProgramSize) {
    return `is too complex (${compiled.programSize()} instructions, at most ${maxPatternProgramSize}); lower its repetition counts or split it.`;
  }
  if (compiledPatterns.size >= 1_000) compiledPatterns.clear();
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

/** Counts a match's work against the budget first, and throws when it would overdraw it. */
export function chargeRegexWork(budget: RegexBudget, compiled: RE2JS, subject: string): void {
  budget.remaining -= compiled.programSize() * subject.length;
  if (budget.remaining < 0) {
    throw new Error(
      `The text is too long for this check's patterns (${compiled.programSize()} instructions over ${subject.length} characters, with ${regexWorkPerCheck} units of work allowed a check); simplify the pattern or check shorter texts.`,
    );
  }
}
