/**
 * "Did you mean" for misspelt names: the candidate at the smallest edit distance, when it is
 * small enough to be a slip (`aws_regoin` -> `aws_region`) rather than another word.
 */

/** Edits between two strings: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        rows[i][j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}

/** The closest of `candidates` to `name`, or undefined when none is within a slip of it. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  // Names come from clients: a long one is no typo, and comparing it would only cost time.
  if (name.length > 64) return undefined;
  const allowed = Math.max(1, Math.min(3, Math.floor(name.length / 4)));
  let closest: string | undefined;
  let closestDistance = allowed + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > allowed) continue;
    const distance = editDistance(name, candidate);
    if (distance < closestDistance) {
      closest = candidate;
      closestDistance = distance;
    }
  }
  return closest;
}
