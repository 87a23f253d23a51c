/**
 * Tokens and the answering model, read from an answer's body after it was sent: an OpenAI chat or
 * embeddings answer, an Anthropic message, a Responses API response, or the events of any of them
 * streamed. Read off the request path, and only the parts that carry usage are parsed.
 */
import type { TokenUsageV1 } from '@ai-gateway/spec';

export interface AnswerFacts {
  tokens: TokenUsageV1;
  model: string | null;
}

type Json = Record<string, unknown>;

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function sum(...values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((total, value) => total + value, 0);
}

/** Folds one `usage` object, in whichever API's shape, into `tokens` (later events win field by field). */
function addUsage(tokens: TokenUsageV1, usage: Json): void {
  if ('prompt_tokens' in usage || 'completion_tokens' in usage) {
    // OpenAI chat completions and embeddings.
    tokens.input = count(usage.prompt_tokens) ?? tokens.input;
    tokens.output = count(usage.completion_tokens) ?? tokens.output;
    tokens.cached = count(object(usage.prompt_tokens_details)?.cached_tokens) ?? tokens.cached;
    tokens.reasoning = count(object(usage.completion_tokens_details)?.reasoning_tokens) ?? tokens.reasoning;
    return;
  }
  if ('cache_read_input_tokens' in usage || 'cache_creation_input_tokens' in usage) {
    // Anthropic: `input_tokens` leaves out what was read from or written to the prompt cache.
    const read = count(usage.cache_read_input_tokens);
    const input = count(usage.input_tokens);
    if (input !== null) tokens.input = sum(input, read, count(usage.cache_creation_input_tokens));
    tokens.cached = read ?? tokens.cached;
    tokens.output = count(usage.output_tokens) ?? tokens.output;
    return;
  }
  // Anthropic without cache fields, and the Responses API.
  tokens.input = count(usage.input_tokens) ?? tokens.input;
  tokens.output = count(usage.output_tokens) ?? tokens.output;
  tokens.cached = count(object(usage.input_tokens_details)?.cached_tokens) ?? tokens.cached;
  tokens.reasoning = count(object(usage.output_tokens_details)?.reasoning_tokens) ?? tokens.reasoning;
}

/** Usage and model of one JSON object: the answer itself, a chunk, or an event. */
function addFacts(facts: AnswerFacts, value: Json): void {
  // Responses API events wrap the response; Anthropic's message_start wraps the message.
  const inner = object(value.response) ?? object(value.message);
  if (inner) addFacts(facts, inner);
  const usage = object(value.usage);
  if (usage) addUsage(facts.tokens, usage);
  if (facts.model === null && typeof value.model === 'string') facts.model = value.model;
}

function parse(text: string): Json | undefined {
  try {
    return object(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Tokens of one `usage` object in any of the shapes above. */
export function usageTokens(usage: Readonly<Record<string, unknown>>): TokenUsageV1 {
  const tokens = emptyTokens();
  addUsage(tokens, usage as Json);
  return tokens;
}

export function emptyTokens(): TokenUsageV1 {
  return { input: null, output: null, cached: null, reasoning: null };
}

/** The JSON object that starts at `start` (a `{`), as text, or undefined when it does not close. */
function objectTextAt(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text.charCodeAt(index);
    if (inString) {
      if (character === 0x5c) index += 1;
      else if (character === 0x22) inString = false;
    } else if (character === 0x22) inString = true;
    else if (character === 0x7b) depth += 1;
    else if (character === 0x7d && --depth === 0) return text.slice(start, index + 1);
  }
  return undefined;
}

// A key outside any string: inside one, its quotes would be escaped (`\"usage\"`), so the
// character after the name's closing quote would be a backslash, never the colon.
const usageKey = /"usage"\s*:\s*\{/g;
const modelKey = /"model"\s*:\s*"([^"\\]*)"/;

/**
 * Facts of a JSON answer's text. The usage object is near the end and small: it is found from the
 * end and only it is parsed, not the whole answer (an embeddings answer can be megabytes).
 */
export function jsonAnswerFacts(text: string): AnswerFacts {
  const facts: AnswerFacts = { tokens: emptyTokens(), model: null };
  const at = text.lastIndexOf('"usage"');
  if (at !== -1) {
    usageKey.lastIndex = at;
    const match = usageKey.exec(text);
    const usageText = match?.index === at ? objectTextAt(text, at + match[0].length - 1) : undefined;
    const usage = usageText === undefined ? undefined : parse(usageText);
    if (usage) {
      addUsage(facts.tokens, usage);
      facts.model = modelKey.exec(text)?.[1] ?? null;
      return facts;
    }
  }
  // No usage at the top (a Responses event wraps it, or the answer is not one of these APIs'): read it all.
  const value = parse(text);
  if (value) addFacts(facts, value);
  return facts;
}

/** Where the value of the key that ends at `at` starts (past `:` and spaces), or -1 when no colon follows. */
function valueStart(text: string, at: number): number {
  let index = at;
  while (text.charCodeAt(index) === 0x20) index += 1;
  if (text.charCodeAt(index) !== 0x3a) return -1;
  index += 1;
  while (text.charCodeAt(index) === 0x20) index += 1;
  return index;
}

/** The line of `text` around `at`: where it starts, and where it ends (its newline, or the text's end). */
function lineAround(text: string, at: number): { start: number; end: number } {
  const end = text.indexOf('\n', at);
  return { start: text.lastIndexOf('\n', at) + 1, end: end === -1 ? text.length : end };
}

/** The event on the line from `start` to `end`, if it is a `data:` line of a JSON object. */
function eventAt(text: string, start: number, end: number): Json | undefined {
  return text.startsWith('data:', start) ? parse(text.slice(start + 5, end)) : undefined;
}

/** The model an event names, as `addFacts` reads it: its response's or message's, else its own. */
function modelNamed(value: Json): string | null {
  const inner = object(value.response) ?? object(value.message);
  if (typeof inner?.model === 'string') return inner.model;
  return typeof value.model === 'string' ? value.model : null;
}

/** The first event that names the answering model, with the start of its line. */
function modelEvent(text: string): { start: number; value: Json } | undefined {
  let from = 0;
  for (;;) {
    const at = text.indexOf('"model"', from);
    if (at === -1) return undefined;
    from = at + 7;
    const value = valueStart(text, from);
    if (value === -1 || text.charCodeAt(value) !== 0x22) continue;
    const line = lineAround(text, at);
    const event = eventAt(text, line.start, line.end);
    if (event && modelNamed(event) !== null) return { start: line.start, value: event };
    from = line.end;
  }
}

/**
 * Facts of a stream's events. Only the events that matter are parsed: the first that names a model,
 * and those whose `usage` is an object (OpenAI sends `"usage":null` in every chunk of a stream that
 * asked for usage). They are found by searching the whole text once per key: V8 searches a long
 * text with a skip table, where a search per line starts over each time and stops at every quote
 * (about 1,500 instructions a line of JSON). Events apply in their order: later usage wins.
 */
export function streamAnswerFacts(text: string): AnswerFacts {
  const facts: AnswerFacts = { tokens: emptyTokens(), model: null };
  let model = modelEvent(text);
  let from = 0;
  for (;;) {
    const at = text.indexOf('"usage"', from);
    if (at === -1) break;
    from = at + 7;
    const value = valueStart(text, from);
    if (value === -1 || text.charCodeAt(value) !== 0x7b) continue;
    const line = lineAround(text, at);
    from = line.end;
    if (model && model.start <= line.start) {
      if (model.start < line.start) addFacts(facts, model.value);
      model = undefined;
    }
    const event = eventAt(text, line.start, line.end);
    if (event) addFacts(facts, event);
  }
  if (model) addFacts(facts, model.value);
  return facts;
}
