/**
 * OpenAI chat messages as Anthropic's `system` and `messages`.
 * https://docs.anthropic.com/en/api/messages#body-messages
 */
import type { JsonObject } from '@ai-gateway/spec';
import { invalidRequest, readThinkingBlocks, withFields } from '@ai-gateway/provider-utils';
import type { AnthropicContentBlock, AnthropicMessage, AnthropicTextBlock } from './anthropic-types.js';

type OpenAIContentPart = { type: string; [field: string]: unknown };
type OpenAIMessage = JsonObject & { role?: unknown; content?: unknown };

const dataUrlPattern = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

/** Content parts may carry Anthropic's `cache_control`; it is kept so prompt caching works through the gateway. */
function withCacheControl<Block extends AnthropicContentBlock>(block: Block, part: OpenAIContentPart): Block {
  return part.cache_control === undefined ? block : withFields(block, { cache_control: part.cache_control });
}

function imageBlock(part: OpenAIContentPart, param: string): AnthropicContentBlock {
  const url = (part.image_url as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string') throw invalidRequest('An image_url part needs image_url.url.', param);
  const dataUrl = dataUrlPattern.exec(url);
  if (dataUrl) return withCacheControl({ type: 'image', source: { type: 'base64', media_type: dataUrl[1], data: dataUrl[2] } }, part);
  if (/^https?:\/\//i.test(url)) return withCacheControl({ type: 'image', source: { type: 'url', url } }, part);
  throw invalidRequest('Anthropic takes images as https URLs or base64 data URLs.', param);
}

function documentBlock(part: OpenAIContentPart, param: string): AnthropicContentBlock {
  const file = part.file as { file_data?: unknown; filename?: unknown } | undefined;
  const dataUrl = typeof file?.file_data === 'string' ? dataUrlPattern.exec(file.file_data) : null;
  if (!dataUrl) throw invalidRequest('Anthropic takes files as base64 data URLs in file.file_data (file_id is not supported).', param);
  const block: AnthropicContentBlock = { type: 'document', source: { type: 'base64', media_type: dataUrl[1], data: dataUrl[2] } };
  if (typeof file?.filename === 'string') block.title = file.filename;
  return withCacheControl(block, part);
}

function contentBlocks(content: unknown, param: string): AnthropicContentBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content)) throw invalidRequest('Message content must be a string or an array of parts.', param);
  return content.map((part: OpenAIContentPart, index) => {
    const partParam = `${param}[${index}]`;
    switch (part?.type) {
      case 'text':
        return withCacheControl({ type: 'text', text: String(part.text ?? '') }, part);
      case 'refusal':
        return { type: 'text', text: String(part.refusal ?? '') };
      case 'image_url':
        return imageBlock(part, partParam);
      case 'file':
        return documentBlock(part, partParam);
      default:
        throw invalidRequest(`Anthropic does not accept '${String(part?.type)}' content parts.`, partParam, 'unsupported_content');
    }
  });
}

function textBlocks(content: unknown, param: string): AnthropicTextBlock[] {
  const blocks = contentBlocks(content, param);
  for (const block of blocks) {
    if (block.type !== 'text') throw invalidRequest('System and developer messages take text only.', param);
  }
  return blocks as AnthropicTextBlock[];
}

function parseArguments(argumentsText: unknown, param: string): unknown {
  if (argumentsText === undefined || argumentsText === null || argumentsText === '') return {};
  if (typeof argumentsText !== 'string') return argumentsText;
  try {
    return JSON.parse(argumentsText);
  } catch {
    throw invalidRequest('Tool call arguments must be JSON: Anthropic takes them as an object.', param);
  }
}

function assistantBlocks(message: OpenAIMessage, param: string): AnthropicContentBlock[] {
  // Signed thinking comes first in the turn, as Anthropic returned it.
  const blocks: AnthropicContentBlock[] = readThinkingBlocks(message.thinking_blocks, `${param}.thinking_blocks`);
  // Anthropic rejects empty text blocks, which OpenAI clients send beside tool calls.
  for (const block of contentBlocks(message.content, `${param}.content`)) {
    if (block.type !== 'text' || (block as AnthropicTextBlock).text !== '') blocks.push(block);
  }
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  toolCalls.forEach((call: { id?: unknown; function?: { name?: unknown; arguments?: unknown } }, index) => {
    blocks.push({
      type: 'tool_use',
      id: String(call.id ?? ''),
      name: String(call.function?.name ?? ''),
      input: parseArguments(call.function?.arguments, `${param}.tool_calls[${index}].function.arguments`),
    });
  });
  return blocks;
}

function toolResultBlock(message: OpenAIMessage, param: string): AnthropicContentBlock {
  const content = typeof message.content === 'string' ? message.content : contentBlocks(message.content, `${param}.content`);
  return { type: 'tool_result', tool_use_id: String(message.tool_call_id ?? ''), content };
}

/** Appends to the last message when it has the same role: tool results of parallel calls share one user turn. */
function append(messages: AnthropicMessage[], role: 'user' | 'assistant', blocks: AnthropicContentBlock[], original: unknown): void {
  const previous = messages[messages.length - 1];
  if (previous?.role === role) {
    if (typeof previous.content === 'string') previous.content = [{ type: 'text', text: previous.content }];
    previous.content.push(...blocks);
    return;
  }
  // A plain string stays a string, as the client wrote it.
  messages.push({ role, content: typeof original === 'string' && blocks.length === 1 ? original : blocks });
}

export interface AnthropicConversation {
  system?: string | AnthropicTextBlock[];
  messages: AnthropicMessage[];
}

/**
 * Splits OpenAI messages into Anthropic's top-level `system` (every system and developer message,
 * in order, wherever it stood) and alternating user / assistant turns (tool results become
 * `tool_result` blocks of a user turn).
 */
export function toAnthropicConversation(openAIMessages: unknown): AnthropicConversation {
  if (!Array.isArray(openAIMessages)) throw invalidRequest('messages must be an array.', 'messages');
  const system: AnthropicTextBlock[] = [];
  const messages: AnthropicMessage[] = [];
  openAIMessages.forEach((message: OpenAIMessage, index) => {
    const param = `messages[${index}]`;
    switch (message?.role) {
      case 'system':
      case 'developer':
        system.push(...textBlocks(message.content, `${param}.content`));
        break;
      case 'user':
        append(messages, 'user', contentBlocks(message.content, `${param}.content`), message.content);
        break;
      case 'assistant':
        append(messages, 'assistant', assistantBlocks(message, param), message.tool_calls || message.thinking_blocks ? undefined : message.content);
        break;
      case 'tool':
        append(messages, 'user', [toolResultBlock(message, param)], undefined);
        break;
      default:
        throw invalidRequest(`Anthropic does not accept messages with role '${String(message?.role)}'.`, `${param}.role`);
    }
  });
  const onlyPlainText = system.length === 1 && Object.keys(system[0]).length === 2;
  return { system: system.length === 0 ? undefined : onlyPlainText ? system[0].text : system, messages };
}
