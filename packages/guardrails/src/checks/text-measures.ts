/**
 * How long a text is, in words, sentences and characters: one pass each, no copies of the text, so
 * a long answer costs no more than reading it.
 */

/** JavaScript's `\s`: the Unicode white space characters and the byte order mark. */
export function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Runs of characters between white space, as Portkey counts them. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const space = isWhitespace(text.charCodeAt(index));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** Unicode code points: an emoji or an accented letter written as one character counts once. */
export function countCharacters(text: string): number {
  let characters = text.length;
  for (let index = 0; index < text.length - 1; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        characters--;
        index++;
      }
    }
  }
  return characters;
}

const sentenceEnds = new Set(['.', '!', '?', '…', '‽', '。', '！', '？', '｡', '؟', '।', '॥']);
/** Full-width ends close a sentence with no space after them, as Chinese and Japanese are written. */
const fullWidthEnds = new Set(['。', '！', '？', '｡']);
/** Quotes and brackets that may follow a sentence's end: `"Stop." He left.` is two sentences. */
const closers = new Set(['"', "'", '”', '’', '»', ')', ']', '」', '』']);
const letterOrNumber = /[\p{L}\p{N}]/u;

function isLetterOrNumber(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return letterOrNumber.test(String.fromCodePoint(text.codePointAt(index)!));
}

/**
 * Sentences: runs of text holding a letter or a digit, each closed by a run of `.`, `!`, `?` (or
 * their Unicode kin) followed by white space or the end, or left open at the end. "3.14" and
 * "e.g" do not end a sentence; "Wait... what?" is two; "Hello" is one. (Portkey counts every `.`,
 * `!` and `?` character instead, so "Hello" is none and "Wait..." three.)
 */
export function countSentences(text: string): number {
  let sentences = 0;
  let hasContent = false;
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (sentenceEnds.has(character)) {
      let fullWidth = false;
      while (index < text.length && sentenceEnds.has(text[index])) {
        if (fullWidthEnds.has(text[index])) fullWidth = true;
        index++;
      }
      while (index < text.length && closers.has(text[index])) index++;
      if (fullWidth || index === text.length || isWhitespace(text.charCodeAt(index))) {
        if (hasContent) sentences++;
        hasContent = false;
      }
      continue;
    }
    if (!hasContent && isLetterOrNumber(text, index)) hasContent = true;
    index++;
  }
  return hasContent ? sentences + 1 : sentences;
}
