/**
 * A webhook answers a rewrite as a whole new body (Portkey's `transformedData.request.json` or
 * `.response.json`); the guardrail contract takes rewrites as `transformedSegments`. This maps the
 * one onto the other without knowing the body's format: the two bodies are compared leaf by leaf,
 * and each string that changed is matched to the segment holding the same original text.
 *
 * Only text can be rewritten so. A body whose shape changed (a message added, a key dropped) or
 * whose other values changed (the model, a number) is refused with an Error naming the first such
 * place, rather than half applied. When two segments hold the same text, their rewrites are taken
 * in document order.
 */

const maxDepth = 64;

interface TextChange {
  path: string;
  from: string;
  to: string;
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function collectChanges(original: unknown, rewritten: unknown, path: string, depth: number, into: TextChange[]): void {
  const where = path || 'the body';
  if (depth > maxDepth) throw new Error(`the rewritten body nests deeper than ${maxDepth} levels.`);
  if (kind(original) !== kind(rewritten)) throw new Error(`the rewrite changes the type of ${where}; only texts can be rewritten.`);
  if (typeof original === 'string') {
    if (original !== rewritten) into.push({ path: where, from: original, to: rewritten as string });
    return;
  }
  if (Array.isArray(original)) {
    const list = rewritten as unknown[];
    if (list.length !== original.length) throw new Error(`the rewrite changes the length of ${where} (${original.length} to ${list.length}); only texts can be rewritten.`);
    for (const [index, item] of original.entries()) collectChanges(item, list[index], `${path}[${index}]`, depth + 1, into);
    return;
  }
  if (original !== null && typeof original === 'object') {
    const object = rewritten as Record<string, unknown>;
    const keys = Object.keys(original);
    const added = Object.keys(object).find((key) => !Object.hasOwn(original, key));
    if (added !== undefined) throw new Error(`the rewrite adds '${added}' to ${where}; only texts can be rewritten.`);
    for (const key of keys) {
      if (!Object.hasOwn(object, key)) throw new Error(`the rewrite drops '${key}' from ${where}; only texts can be rewritten.`);
      collectChanges((original as Record<string, unknown>)[key], object[key], path ? `${path}.${key}` : key, depth + 1, into);
    }
    return;
  }
  if (original !== rewritten) throw new Error(`the rewrite changes ${where}; only texts can be rewritten.`);
}

/**
 * The segments after the rewrite of `original` into `rewritten`, or undefined when no text changed.
 * Throws when the rewrite changes anything but the texts in `segments`.
 */
export function rewrittenSegments(original: unknown, rewritten: unknown, segments: readonly string[]): string[] | undefined {
  const changes: TextChange[] = [];
  collectChanges(original, rewritten, '', 0, changes);
  if (changes.length === 0) return undefined;
  const pending = new Map<string, TextChange[]>();
  for (const change of changes) {
    const list = pending.get(change.from);
    if (list) list.push(change);
    else pending.set(change.from, [change]);
  }
  const result = segments.map((segment) => pending.get(segment)?.shift()?.to ?? segment);
  const leftover = [...pending.values()].find((list) => list.length > 0);
  if (leftover) throw new Error(`the rewrite changes ${leftover[0].path}, which is not a text the gateway rewrites (message texts, prompts, inputs, answer contents).`);
  return result;
}
