/**
 * Finds the JSON in a text, for `default.jsonSchema` and `default.jsonKeys`. Models answer JSON in
 * three ways, tried in this order, the first that yields any being used:
 *
 * 1. the whole text is JSON (`response_format: json_object` answers);
 * 2. fenced blocks tagged `json` or untagged (```json ... ```), as chat models write it;
 * 3. `{...}` objects in prose ("Here it is: {"name": "Ada"}"), found by matching braces outside
 *    JSON strings, each outermost balanced span tried once.
 *
 * Every step reads the text once (an unclosed fence or brace does not make it read again), so a
 * long answer costs no more than parsing it. At most `maxJsonCandidates` values are kept, and at
 * most `maxParseAttempts` blocks or objects tried: a failed parse throws, and a text of thousands of
 * empty fences would otherwise cost a throw each.
 */

export type JsonSource = 'text' | 'fence' | 'object';

export interface JsonCandidate {
  value: unknown;
  source: JsonSource;
}

export const maxJsonCandidates = 100;
export const maxParseAttempts = 1_000;

function parsed(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function fencedBlocks(text: string): JsonCandidate[] {
  const found: JsonCandidate[] = [];
  let position = 0;
  let attempts = 0;
  while (found.length < maxJsonCandidates && attempts < maxParseAttempts) {
    const open = text.indexOf('```', position);
    if (open === -1) break;
    let afterFence = open;
    while (text[afterFence] === '`') afterFence++;
    const fence = text.slice(open, afterFence);
    const lineEnd = text.indexOf('\n', afterFence);
    if (lineEnd === -1) break;
    const tag = text.slice(afterFence, lineEnd).trim().toLowerCase();
    // The block ends at a fence at least as long as the one that opened it, or with the text.
    const close = text.indexOf(fence, lineEnd + 1);
    if (tag === '' || tag === 'json') {
      attempts++;
      const block = parsed(text.slice(lineEnd + 1, close === -1 ? text.length : close));
      if (block) found.push({ value: block.value, source: 'fence' });
    }
    if (close === -1) break;
    position = close + fence.length;
    while (text[position] === '`') position++;
  }
  return found;
}

/** The outermost balanced `{...}` spans, in order, by one pass with a stack of open braces. */
function braceSpans(text: string): [number, number][] {
  const openBraces: number[] = [];
  const spans: [number, number][] = [];
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') {
      inString = openBraces.length > 0;
    } else if (character === '{') {
      openBraces.push(index);
    } else if (character === '}' && openBraces.length > 0) {
      const start = openBraces.pop()!;
      // A span closing now encloses the spans that closed before it and started after it.
      while (spans.length > 0 && spans[spans.length - 1][0] > start) spans.pop();
      spans.push([start, index + 1]);
    }
  }
  return spans;
}

function objectsInProse(text: string): JsonCandidate[] {
  const found: JsonCandidate[] = [];
  for (const [start, end] of braceSpans(text).slice(0, maxParseAttempts)) {
    const object = parsed(text.slice(start, end));
    if (object) found.push({ value: object.value, source: 'object' });
    if (found.length >= maxJsonCandidates) break;
  }
  return found;
}

/** The JSON values in the text, per the order above; empty when there is none. */
export function findJson(text: string): JsonCandidate[] {
  const whole = text.trim() === '' ? undefined : parsed(text);
  if (whole) return [{ value: whole.value, source: 'text' }];
  const fenced = fencedBlocks(text);
  return fenced.length > 0 ? fenced : objectsInProse(text);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
