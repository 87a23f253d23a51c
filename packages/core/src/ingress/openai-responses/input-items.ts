/**
 * A Responses API `input` (a string or a list of items) as OpenAI chat messages, for targets that
 * do not serve `/v1/responses`. https://platform.openai.com/docs/api-reference/responses/create
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { JsonObject } from '@ai-gateway/spec';
import { openedThinkingOf } from './thinking-blocks.js';

type Item = { type?: string; role?: string; [field: string]: unknown };
type ChatMessage = JsonObject;

/** An item a request refers to is in the request itself or in a stored response of the same key. */
const storedResponsesMessage = 'Referenced items must be in `input` or in a response stored by the gateway with the same key.';

function textPart(part: Item): JsonObject {
  return { type: 'text', text: String(part.text ?? '') };
}

function imagePart(part: Item, param: string): JsonObject {
  if (typeof part.image_url !== 'string') {
    throw invalidRequest('Images for this provider must be sent as image_url (a URL or a data: URL); file_id refers to OpenAI\'s file storage.', param, 'unsupported_content');
  }
  const imageUrl: JsonObject = { url: part.image_url };
  if (typeof part.detail === 'string' && part.detail !== 'auto') imageUrl.detail = part.detail;
  return { type: 'image_url', image_url: imageUrl };
}

function filePart(part: Item, param: string): JsonObject {
  if (typeof part.file_data !== 'string') {
    throw invalidRequest('Files for this provider must be sent inline as file_data; file_id and file_url are not translated.', param, 'unsupported_content');
  }
  return { type: 'file', file: { filename: typeof part.filename === 'string' ? part.filename : 'document.pdf', file_data: part.file_data } };
}

function contentPart(part: Item, param: string): JsonObject {
  switch (part?.type) {
    case 'input_text':
    case 'output_text':
    case 'text': return textPart(part);
    case 'refusal': return { type: 'text', text: String(part.refusal ?? '') };
    case 'input_image': return imagePart(part, param);
    case 'input_file': return filePart(part, param);
    default: throw invalidRequest(`Content parts of type '${String(part?.type)}' cannot be translated for this provider.`, param, 'unsupported_content');
  }
}

/** Chat content: a plain string when the parts are one text, as most providers take it best. */
function chatContent(content: unknown, param: string): string | JsonObject[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidRequest('Message content must be a string or a list of content parts.', param);
  const parts = content.map((part: Item, index) => contentPart(part, `${param}[${index}]`));
  if (parts.every((part) => part.type === 'text')) return parts.map((part) => part.text).join('');
  return parts;
}

function toolOutputContent(output: unknown, param: string): { text: string; rest: JsonObject[] } {
  if (typeof output === 'string') return { text: output, rest: [] };
  if (!Array.isArray(output)) throw invalidRequest('function_call_output output must be a string or a list of content parts.', param);
  const parts = output.map((part: Item, index) => contentPart(part, `${param}[${index}]`));
  return { text: parts.filter((part) => part.type === 'text').map((part) => part.text).join(''), rest: parts.filter((part) => part.type !== 'text') };
}

/** Resolves `item_reference` items against the items of the same request that carry that id. */
function resolveReferences(items: Item[]): Item[] {
  const byId = new Map<string, Item>();
  for (const item of items) if (item?.type !== 'item_reference' && typeof item?.id === 'string') byId.set(item.id, item);
  return items.map((item, index) => {
    if (item?.type !== 'item_reference') return item;
    const referenced = byId.get(String(item.id));
    if (!referenced) throw invalidRequest(`${storedResponsesMessage} The item '${String(item.id)}' was not found.`, `input[${index}]`, 'item_not_found');
    return referenced;
  });
}

/**
 * Maps `instructions` and `input` to chat messages. Assistant text and the `function_call` items
 * that follow it become one assistant message; `function_call_output` items become `tool` messages.
 * A `reasoning` item whose `encrypted_content` the route opened starts that assistant message with
 * its signed blocks (`thinking_blocks`); other reasoning items are dropped, as chat has no place for them.
 */
export function toChatMessages(instructions: unknown, input: unknown): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (typeof instructions === 'string' && instructions !== '') messages.push({ role: 'system', content: instructions });
  if (typeof input === 'string') return [...messages, { role: 'user', content: input }];
  if (!Array.isArray(input)) throw invalidRequest('input must be a string or a list of input items.', 'input');

  // The assistant message that function calls join, as long as nothing came between them.
  let openAssistant: ChatMessage | undefined;
  const pendingUserParts: JsonObject[] = [];
  const flushUserParts = () => {
    if (pendingUserParts.length === 0) return;
    messages.push({ role: 'user', content: pendingUserParts.splice(0) });
  };

  resolveReferences(input as Item[]).forEach((item, index) => {
    const param = `input[${index}]`;
    const type = item?.type ?? (item?.role ? 'message' : undefined);
    if (type !== 'function_call_output') flushUserParts();
    if (type === 'message') {
      const role = item.role === 'developer' ? 'system' : item.role;
      if (role !== 'user' && role !== 'system' && role !== 'assistant') throw invalidRequest(`Unknown message role '${String(item.role)}'.`, `${param}.role`);
      const content = chatContent(item.content, `${param}.content`);
      if (role === 'assistant') {
        const text = typeof content === 'string' ? content : content.map((part) => String(part.text ?? '')).join('');
        if (openAssistant && openAssistant.tool_calls === undefined) openAssistant.content = `${String(openAssistant.content ?? '')}${text}`;
        else {
          openAssistant = { role: 'assistant', content: text };
          messages.push(openAssistant);
        }
        return;
      }
      openAssistant = undefined;
      messages.push({ role, content });
      return;
    }
    if (type === 'function_call') {
      if (!openAssistant) {
        openAssistant = { role: 'assistant', content: null };
        messages.push(openAssistant);
      }
      const toolCalls = (openAssistant.tool_calls as JsonObject[] | undefined) ?? [];
      toolCalls.push({ id: item.call_id, type: 'function', function: { name: item.name, arguments: typeof item.arguments === 'string' ? item.arguments : '{}' } });
      openAssistant.tool_calls = toolCalls;
      if (openAssistant.content === '') openAssistant.content = null;
      return;
    }
    if (type === 'function_call_output') {
      openAssistant = undefined;
      const { text, rest } = toolOutputContent(item.output, `${param}.output`);
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: text });
      // Chat tool messages hold text only: images a tool returned go to the user turn that follows.
      pendingUserParts.push(...rest);
      return;
    }
    if (type === 'reasoning') {
      const thinkingBlocks = openedThinkingOf(item);
      if (thinkingBlocks) {
        openAssistant = { role: 'assistant', content: null, thinking_blocks: thinkingBlocks };
        messages.push(openAssistant);
      }
      return;
    }
    throw invalidRequest(`Input items of type '${String(type)}' cannot be translated for this provider.`, param, 'unsupported_content');
  });
  flushUserParts();
  return messages;
}
