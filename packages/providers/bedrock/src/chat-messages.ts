/**
 * OpenAI chat messages -> Converse `system` and `messages`.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html
 *
 * - `system` and `developer` messages, wherever they appear, become the `system` blocks in order
 *   (Converse has no system turn inside the conversation).
 * - Assistant `tool_calls` become `toolUse` blocks; `tool` messages become `toolResult` blocks in a
 *   user turn. Converse wants user and assistant turns to alternate, so consecutive turns of the
 *   same role (parallel tool results, a tool result followed by a user message) are merged.
 * - A content part with `cache_control` is followed by a `cachePoint` block (prompt caching).
 */
import type { JsonObject } from '@ai-gateway/spec';
import { invalidRequest, readThinkingBlocks } from '@ai-gateway/provider-utils';
import { imageBlock, type ImageFetchOptions } from './chat-images.js';

export type ContentBlock = Record<string, unknown>;
export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

const cachePoint = { cachePoint: { type: 'default' } };

function textOf(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part: JsonObject) => {
      if (part?.type !== 'text') throw invalidRequest(`Only text parts are allowed in ${param}.`, param, 'unsupported_content');
      return String(part.text ?? '');
    }).join('');
  }
  if (content === null || content === undefined) return '';
  throw invalidRequest(`${param} must be a string or an array of text parts.`, param, 'invalid_content');
}

/** Text parts (and their cache points) of a system/assistant message; empty text is dropped, Bedrock rejects blank blocks. */
function textBlocks(content: unknown, param: string): ContentBlock[] {
  if (!Array.isArray(content)) {
    const text = textOf(content, param);
    return text ? [{ text }] : [];
  }
  const blocks: ContentBlock[] = [];
  for (const part of content as JsonObject[]) {
    const text = textOf([part], param);
    if (text) blocks.push({ text });
    if (part.cache_control) blocks.push(cachePoint);
  }
  return blocks;
}

async function userBlocks(content: unknown, index: number, images: ImageFetchOptions): Promise<ContentBlock[]> {
  if (!Array.isArray(content)) return textBlocks(content, `messages[${index}].content`);
  const blocks: ContentBlock[] = [];
  for (const [partIndex, part] of (content as JsonObject[]).entries()) {
    const param = `messages[${index}].content[${partIndex}]`;
    if (part?.type === 'text') {
      if (part.text) blocks.push({ text: String(part.text) });
    } else if (part?.type === 'image_url') {
      const url = (part.image_url as { url?: unknown } | undefined)?.url;
      if (typeof url !== 'string') throw invalidRequest(`${param}.image_url.url must be a string.`, param, 'invalid_content');
      blocks.push(await imageBlock(url, images));
    } else {
      throw invalidRequest(`Bedrock does not support content parts of type '${String(part?.type)}' (${param}); use text and image_url.`, param, 'unsupported_content');
    }
    if (part?.cache_control) blocks.push(cachePoint);
  }
  return blocks;
}

function toolUseBlocks(toolCalls: unknown, index: number): ContentBlock[] {
  if (!Array.isArray(toolCalls)) return [];
  return toolCalls.map((call: JsonObject, callIndex) => {
    const param = `messages[${index}].tool_calls[${callIndex}]`;
    const fn = call.function as { name?: string; arguments?: string } | undefined;
    if (call.type !== 'function' || !fn?.name) throw invalidRequest(`${param} must be a function call with a name.`, param, 'invalid_tool_call');
    let input: unknown;
    try {
      input = fn.arguments ? JSON.parse(fn.arguments) : {};
    } catch {
      throw invalidRequest(`${param}.function.arguments is not valid JSON; Bedrock needs the tool input as a JSON object.`, `${param}.function.arguments`, 'invalid_tool_call');
    }
    return { toolUse: { toolUseId: String(call.id), name: fn.name, input } };
  });
}

export interface ConverseMessages {
  system: ContentBlock[];
  messages: BedrockMessage[];
  /** Whether the conversation carries tool calls or results (Bedrock then needs `toolConfig`). */
  hasToolBlocks: boolean;
}

/**
 * Signed thinking a client sends back (`thinking_blocks`, see provider-utils) as Converse
 * `reasoningContent` blocks, first in the turn as Claude wrote them.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlock.html
 */
function reasoningBlocks(thinkingBlocks: unknown, param: string): ContentBlock[] {
  return readThinkingBlocks(thinkingBlocks, param).map((block) => (block.type === 'thinking'
    ? { reasoningContent: { reasoningText: { text: block.thinking, signature: block.signature } } }
    : { reasoningContent: { redactedContent: block.data } }));
}

export async function toConverseMessages(input: unknown, images: ImageFetchOptions): Promise<ConverseMessages> {
  if (!Array.isArray(input) || input.length === 0) throw invalidRequest('messages must be a non-empty array.', 'messages', 'invalid_messages');
  const system: ContentBlock[] = [];
  const messages: BedrockMessage[] = [];
  let hasToolBlocks = false;
  const push = (role: BedrockMessage['role'], content: ContentBlock[]) => {
    const previous = messages[messages.length - 1];
    if (previous?.role === role) previous.content.push(...content);
    else messages.push({ role, content });
  };

  for (const [index, message] of (input as JsonObject[]).entries()) {
    const param = `messages[${index}]`;
    switch (message?.role) {
      case 'system':
      case 'developer':
        system.push(...textBlocks(message.content, `${param}.content`));
        break;
      case 'user':
        push('user', await userBlocks(message.content, index, images));
        break;
      case 'assistant': {
        const toolUses = toolUseBlocks(message.tool_calls, index);
        hasToolBlocks ||= toolUses.length > 0;
        push('assistant', [...reasoningBlocks(message.thinking_blocks, `${param}.thinking_blocks`), ...textBlocks(message.content, `${param}.content`), ...toolUses]);
        break;
      }
      case 'tool':
        hasToolBlocks = true;
        push('user', [{ toolResult: { toolUseId: String(message.tool_call_id), content: [{ text: textOf(message.content, `${param}.content`) }] } }]);
        break;
      default:
        throw invalidRequest(`Bedrock does not support messages with role '${String(message?.role)}' (${param}).`, `${param}.role`, 'unsupported_role');
    }
  }
  return { system, messages, hasToolBlocks };
}
