/**
 * Where the text of a request or an answer is, whatever format it came in: OpenAI chat and
 * completions, embeddings, Anthropic's Messages and OpenAI's Responses. Checks read it; mutators
 * write it back through the same slots, so redaction works on every route.
 */
import type { JsonObject } from '@ai-gateway/spec';

/** One string in a JSON body, readable and replaceable. */
export interface TextSlot {
  read(): string;
  write(text: string): void;
}

type Parent = Record<string | number, unknown>;

function slot(parent: Parent, key: string | number): TextSlot {
  return { read: () => parent[key] as string, write: (text) => { parent[key] = text; } };
}

/** Text parts of a content value: a string, or parts of type text / input_text / output_text. */
function contentSlots(parent: Parent, key: string | number, into: TextSlot[]): void {
  const content = parent[key];
  if (typeof content === 'string') {
    into.push(slot(parent, key));
    return;
  }
  if (!Array.isArray(content)) return;
  for (const part of content as Parent[]) {
    if (part && typeof part.text === 'string' && (part.type === 'text' || part.type === 'input_text' || part.type === 'output_text')) into.push(slot(part, 'text'));
  }
}

export interface RequestTexts {
  /** Every text a mutator may rewrite, in order. */
  slots: TextSlot[];
  /** The slots of what the user just sent: the last message (or input item), or the whole prompt. */
  judged: TextSlot[];
}

/** The texts of a request body of any client format. */
export function requestTexts(json: JsonObject | null): RequestTexts {
  const slots: TextSlot[] = [];
  let judged: TextSlot[] = [];
  if (!json) return { slots, judged };
  const body = json as Parent;
  // Anthropic's `system`, the Responses API's `instructions`.
  contentSlots(body, 'system', slots);
  contentSlots(body, 'instructions', slots);
  for (const list of ['messages', 'input'] as const) {
    const items = body[list];
    if (typeof items === 'string') {
      const start = slots.length;
      contentSlots(body, list, slots);
      judged = slots.slice(start);
      continue;
    }
    if (!Array.isArray(items)) continue;
    // Embeddings take a list of strings as `input`.
    if (items.every((item) => typeof item === 'string')) {
      const start = slots.length;
      for (let index = 0; index < items.length; index += 1) slots.push(slot(items as unknown as Parent, index));
      judged = slots.slice(start);
      continue;
    }
    for (const item of items as Parent[]) {
      if (!item || typeof item !== 'object') continue;
      const start = slots.length;
      contentSlots(item, 'content', slots);
      // A tool's output (Responses) is text the model reads too.
      if (typeof item.output === 'string') slots.push(slot(item, 'output'));
      judged = slots.slice(start);
    }
  }
  const prompt = body.prompt;
  if (typeof prompt === 'string') {
    slots.push(slot(body, 'prompt'));
    judged = slots.slice(-1);
  } else if (Array.isArray(prompt) && prompt.every((item) => typeof item === 'string')) {
    const start = slots.length;
    for (let index = 0; index < prompt.length; index += 1) slots.push(slot(prompt as unknown as Parent, index));
    judged = slots.slice(start);
  }
  return { slots, judged };
}

/** The texts of an answer of any format: chat and completion choices, Anthropic content, Responses output. */
export function answerTexts(json: unknown): TextSlot[] {
  const slots: TextSlot[] = [];
  if (!json || typeof json !== 'object') return slots;
  const body = json as Parent;
  if (Array.isArray(body.choices)) {
    for (const choice of body.choices as Parent[]) {
      const message = choice?.message as Parent | undefined;
      if (message && typeof message.content === 'string') slots.push(slot(message, 'content'));
      else if (typeof choice?.text === 'string') slots.push(slot(choice, 'text'));
    }
  }
  // Anthropic: content blocks of type text.
  if (Array.isArray(body.content)) contentSlots(body, 'content', slots);
  // Responses: message items' output_text parts.
  if (Array.isArray(body.output)) {
    for (const item of body.output as Parent[]) if (item?.type === 'message') contentSlots(item, 'content', slots);
  }
  return slots;
}
