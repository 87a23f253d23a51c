/**
 * Findings of the text scanners (`default.pii`, `default.secrets`): where in a text something was
 * found and of which category. The found value itself is never copied out: only counts leave the
 * check, since its data ends up in `hook_results` and logs.
 *
 * Every scanner runs on text a client sent (up to the body limit, 25 MiB by default), so each one
 * is written to take time linear in the text: regular expressions that start only at a boundary
 * with a literal or a narrow class, bounded quantifiers, no two adjacent parts that can match the
 * same characters (so a failed attempt never tries many splits), and longer shapes checked in code.
 */

export interface Finding {
  start: number;
  end: number;
  category: string;
}

/** Finds one category's matches in a text, appending them to `into`. */
export type Detector = (text: string, into: Finding[]) => void;

/**
 * Runs a global regular expression over `text`, keeping the matches `accept` agrees to. `accept`
 * may answer a shorter end (a match trimmed to its valid part) or false.
 */
export function scan(pattern: RegExp, text: string, category: string, into: Finding[], accept: (match: RegExpExecArray) => number | boolean = () => true): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const verdict = accept(match);
    if (verdict === false) continue;
    into.push({ start: match.index, end: verdict === true ? match.index + match[0].length : match.index + verdict, category });
  }
}

/** In text order; of overlapping findings the one starting first (then the longer, then the one found first) is kept. */
export function withoutOverlaps(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  let reach = 0;
  for (const finding of findings) {
    if (finding.start < reach) continue;
    kept.push(finding);
    reach = finding.end;
  }
  return kept;
}

/** `text` with each finding replaced by `[REDACTED_<CATEGORY>]`; findings in order, not overlapping. */
export function redacted(text: string, findings: readonly Finding[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const finding of findings) {
    parts.push(text.slice(at, finding.start), `[REDACTED_${finding.category}]`);
    at = finding.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function countByCategory(findings: readonly Finding[], into: Record<string, number> = {}): Record<string, number> {
  for (const finding of findings) into[finding.category] = (into[finding.category] ?? 0) + 1;
  return into;
}
