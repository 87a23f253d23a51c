/**
 * `default.containsCode` (`format`, `not`): passes when the text has a fenced code block whose
 * language tag names `format` (```python ... ```), as Portkey's check does. It reads tags, not
 * code: an untagged block, or code outside a fence, is not recognised.
 *
 * `format` is a language name as Portkey's list writes it (`Python`, `C#`, `Dockerfile` ...) or any
 * tag; names and tags compare case-insensitively after common tags are read as the language they
 * stand for (`py`, `python3` → Python; `ts`, `tsx` → TypeScript; `sh`, `bash`, `zsh` → Shell ...).
 * Beyond Portkey: tags with `#` or `+` (`c#`, `c++`) are read, and a block left open at the end
 * still counts, so an answer cut off by `max_tokens` inside its code is caught.
 */
import type { GuardrailCheckV1, JsonObject } from '@ai-gateway/spec';
import { firstProblem, onlyKnown, optionalBoolean, requireString } from '../parameters.js';
import { applyNot } from './not-parameter.js';

/** Common tags, lowercased, to the language name Portkey's `format` list uses. */
const languageOfTag: Readonly<Record<string, string>> = {
  sql: 'SQL', mysql: 'SQL', postgresql: 'SQL', psql: 'SQL', sqlite: 'SQL', plsql: 'SQL', tsql: 'SQL',
  py: 'Python', python: 'Python', python3: 'Python', py3: 'Python', gyp: 'Python',
  ts: 'TypeScript', tsx: 'TypeScript', typescript: 'TypeScript', mts: 'TypeScript', cts: 'TypeScript',
  js: 'JavaScript', jsx: 'JavaScript', javascript: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript', node: 'JavaScript',
  java: 'Java',
  cs: 'C#', csharp: 'C#', 'c#': 'C#',
  cpp: 'C++', 'c++': 'C++', cxx: 'C++', cc: 'C++', hpp: 'C++',
  c: 'C', h: 'C',
  rb: 'Ruby', ruby: 'Ruby',
  php: 'PHP',
  swift: 'Swift',
  kt: 'Kotlin', kts: 'Kotlin', kotlin: 'Kotlin',
  go: 'Go', golang: 'Go',
  rs: 'Rust', rust: 'Rust',
  scala: 'Scala',
  r: 'R',
  pl: 'Perl', perl: 'Perl',
  sh: 'Shell', bash: 'Shell', zsh: 'Shell', shell: 'Shell', ksh: 'Shell', fish: 'Shell',
  html: 'HTML', htm: 'HTML', xhtml: 'HTML',
  css: 'CSS',
  xml: 'XML',
  json: 'JSON',
  yml: 'YAML', yaml: 'YAML',
  md: 'Markdown', markdown: 'Markdown',
  dockerfile: 'Dockerfile', docker: 'Dockerfile',
};

/** The language a tag or a `format` stands for, lowercased so that they compare. */
function languageKey(tagOrName: string): string {
  const lowered = tagOrName.trim().toLowerCase();
  return (languageOfTag[lowered] ?? lowered).toLowerCase();
}

/** The display name of a tag's language: Portkey's name where it has one, else the tag. */
function languageName(tag: string): string {
  return languageOfTag[tag.toLowerCase()] ?? tag;
}

/**
 * The tags of the fenced blocks in the text, in order. Fences pair up as they come: one opens a
 * block (its tag is the first word after the backticks), the next at least as long closes it.
 * One pass.
 */
export function fencedBlockTags(text: string): string[] {
  const tags: string[] = [];
  let position = 0;
  let openFence = 0;
  for (let fence = text.indexOf('```'); fence !== -1; fence = text.indexOf('```', position)) {
    position = fence + 3;
    while (text[position] === '`') position++;
    const fenceLength = position - fence;
    if (openFence > 0) {
      if (fenceLength >= openFence) openFence = 0;
      continue;
    }
    openFence = fenceLength;
    let tagEnd = position;
    while (tagEnd < text.length && !/[\s`]/.test(text[tagEnd])) tagEnd++;
    if (tagEnd > position) tags.push(text.slice(position, tagEnd));
    position = tagEnd;
  }
  return tags;
}

export const containsCode: GuardrailCheckV1 = {
  specificationVersion: 'v1',
  id: 'default.containsCode',
  validate(parameters) {
    return firstProblem(
      onlyKnown(parameters, ['format', 'not']),
      requireString(parameters, 'format'),
      typeof parameters.format === 'string' && parameters.format.trim() === '' ? `'format' must name a language, e.g. Python.` : undefined,
      optionalBoolean(parameters, 'not'),
    );
  },
  run(context, parameters: Readonly<JsonObject>) {
    const format = parameters.format as string;
    const tags = fencedBlockTags(context.text);
    const wanted = languageKey(format);
    const found = tags.some((tag) => languageKey(tag) === wanted);
    return {
      verdict: applyNot(found, parameters),
      data: { format, not: parameters.not === true, found, foundFormats: [...new Set(tags.map(languageName))] },
    };
  },
};
