/**
 * An Anthropic Messages request as an OpenAI chat completion request, for targets that do not
 * speak Anthropic's format. https://docs.anthropic.com/en/api/messages
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { JsonObject } from '@ai-gateway/spec';

type Block = { type?: string; [field: string]: unknown };
type ChatMessage = JsonObject;

/**
 * OpenAI chat parameters that may arrive with an Anthropic body (from a target's `override_params`)
 * and pass on as they are. Every other field Anthropic's API does not share with OpenAI is dropped.
 */
const openAIParameters = [
  'max_completion_tokens', 'reasoning_effort', 'seed', 'frequency_penalty', 'presence_penalty', 'logit_bias',
  'parallel_tool_calls', 'response_format', 'user', 'n', 'logprobs', 'top_logprobs', 'store', 'prediction', 'verbosity', 'modalities',
];

function textOf(blocks: Block[]): string {
  return blocks.map((block) => String(block.text ?? '')).join('');
}

function imagePart(block: Block, param: string): JsonObject {
  const source = block.source as { type?: string; media_type?: string; data?: string; url?: string } | undefined;
  if (source?.type === 'base64') return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
  if (source?.type === 'url') return { type: 'image_url', image_url: { url: source.url } };
  throw invalidRequest(`Images with source type '${String(source?.type)}' cannot be translated for this provider.`, param);
}

function documentPart(block: Block, param: string): JsonObject {
  const source = block.source as { type?: string; media_type?: string; data?: string } | undefined;
  if (source?.type === 'text') return { type: 'text', text: String(source.data ?? '') };
  if (source?.type === 'base64') {
    return { type: 'file', file: { filename: typeof block.title === 'string' ? block.title : 'document.pdf', file_data: `data:${source.media_type};base64,${source.data}` } };
  }
  throw invalidRequest(`Documents with source type '${String(source?.type)}' cannot be translated for this provider.`, param);
}

function userPart(block: Block, param: string): JsonObject {
  if (block.type === 'text') return { type: 'text', text: String(block.text ?? '') };
  if (block.type === 'image') return imagePart(block, param);
  if (block.type === 'document') return documentPart(block, param);
  throw invalidRequest(`Content blocks of type '${String(block.type)}' cannot be translated for this provider.`, param, 'unsupported_content');
}

/** A user turn: its `tool_result` blocks become `tool` messages first, as OpenAI wants them right after the call. */
function userMessages(content: unknown, param: string): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  if (!Array.isArray(content)) throw invalidRequest('Message content must be a string or an array of content blocks.', param);
  const messages: ChatMessage[] = [];
  const parts: JsonObject[] = [];
  content.forEach((block: Block, index) => {
    const blockParam = `${param}[${index}]`;
    if (block?.type !== 'tool_result') {
      parts.push(userPart(block, blockParam));
      return;
    }
    const resultBlocks: Block[] = typeof block.content === 'string' ? [{ type: 'text', text: block.content }] : ((block.content as Block[] | undefined) ?? []);
    messages.push({ role: 'tool', tool_call_id: block.tool_use_id, content: textOf(resultBlocks.filter((part) => part.type === 'text')) });
    // OpenAI tool messages hold text only: images a tool returned go to the user turn that follows.
    resultBlocks.forEach((part, partIndex) => {
      if (part.type !== 'text') parts.push(userPart(part, `${blockParam}.content[${partIndex}]`));
    });
  });
  if (parts.length > 0) {
    const onlyText = parts.every((part) => part.type === 'text');
    messages.push({ role: 'user', content: onlyText && parts.length === 1 ? parts[0].text : parts });
  }
  return messages;
}

function assistantMessage(content: unknown, param: string): ChatMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  if (!Array.isArray(content)) throw invalidRequest('Message content must be a string or an array of content blocks.', param);
  let text = '';
  const toolCalls: JsonObject[] = [];
  content.forEach((block: Block, index) => {
    if (block?.type === 'text') text += String(block.text ?? '');
    else if (block?.type === 'tool_use') {
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    } else if (block?.type !== 'thinking' && block?.type !== 'redacted_thinking') {
      throw invalidRequest(`Content blocks of type '${String(block?.type)}' cannot be translated for this provider.`, `${param}[${index}]`, 'unsupported_content');
    }
  });
  const message: ChatMessage = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

function systemMessage(system: unknown): ChatMessage[] {
  if (system === undefined || system === null) return [];
  if (typeof system === 'string') return [{ role: 'system', content: system }];
  if (!Array.isArray(system)) throw invalidRequest('system must be a string or an array of text blocks.', 'system');
  return [{ role: 'system', content: (system as Block[]).map((block) => String(block.text ?? '')).join('\n\n') }];
}

function chatTools(tools: unknown): JsonObject[] {
  if (!Array.isArray(tools)) throw invalidRequest('tools must be an array.', 'tools');
  return tools.map((tool: JsonObject, index) => {
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      throw invalidRequest(`Anthropic server tools ('${String(tool.type)}') run only on Anthropic; this provider takes client tools.`, `tools[${index}]`, 'unsupported_parameter');
    }
    const definition: JsonObject = { name: tool.name, parameters: tool.input_schema ?? { type: 'object', properties: {} } };
    if (typeof tool.description === 'string') definition.description = tool.description;
    if (tool.strict === true) definition.strict = true;
    return { type: 'function', function: definition };
  });
}

function chatToolChoice(choice: { type?: string; name?: string }): unknown {
  switch (choice.type) {
    case 'auto': return 'auto';
    case 'any': return 'required';
    case 'none': return 'none';
    case 'tool': return { type: 'function', function: { name: choice.name } };
    default: throw invalidRequest(`Unknown tool_choice type '${String(choice.type)}'.`, 'tool_choice');
  }
}

/**
 * Anthropic's thinking as OpenAI's `reasoning_effort`: an effort the client named
 * (`output_config.effort`), else one for the `budget_tokens` of enabled thinking. Disabled or
 * absent thinking asks for no effort, and so does adaptive thinking without an effort: the model's default.
 */
function reasoningEffort(body: JsonObject): string | undefined {
  const thinking = body.thinking as { type?: string; budget_tokens?: unknown } | undefined;
  const effort = (body.output_config as { effort?: unknown } | undefined)?.effort;
  if (thinking?.type === 'disabled') return undefined;
  if (typeof effort === 'string') return effort === 'max' ? 'high' : effort;
  if (thinking?.type !== 'enabled') return undefined;
  const budget = typeof thinking.budget_tokens === 'number' ? thinking.budget_tokens : 0;
  if (budget < 4096) return 'low';
  return budget < 16384 ? 'medium' : 'high';
}

/**
 * Maps an Anthropic `/v1/messages` body to an OpenAI `/v1/chat/completions` body. `thinking` becomes
 * `reasoning_effort`; other Anthropic-only fields (`top_k`, `cache_control`, `service_tier`, ...) and
 * past turns' thinking blocks are dropped; see docs/anthropic-messages.md.
 */
export function anthropicToChatRequest(body: JsonObject): JsonObject {
  if (!Array.isArray(body.messages)) throw invalidRequest('messages must be an array.', 'messages');
  const messages: ChatMessage[] = [...systemMessage(body.system)];
  body.messages.forEach((message: JsonObject, index) => {
    const param = `messages[${index}].content`;
    if (message?.role === 'user') messages.push(...userMessages(message.content, param));
    else if (message?.role === 'assistant') messages.push(assistantMessage(message.content, param));
    else if (message?.role === 'system') messages.push(...systemMessage(message.content));
    else throw invalidRequest(`Unknown message role '${String(message?.role)}'.`, `messages[${index}].role`);
  });

  const chat: JsonObject = { model: body.model, messages };
  if (body.max_tokens !== undefined) chat.max_tokens = body.max_tokens;
  if (Array.isArray(body.stop_sequences) && body.stop_sequences.length > 0) chat.stop = body.stop_sequences;
  if (body.temperature !== undefined) chat.temperature = body.temperature;
  if (body.top_p !== undefined) chat.top_p = body.top_p;
  if (body.stream === true) {
    chat.stream = true;
    // Anthropic's stream always ends with usage; ask the target for it.
    chat.stream_options = { include_usage: true };
  }
  const userId = (body.metadata as { user_id?: unknown } | undefined)?.user_id;
  if (typeof userId === 'string') chat.user = userId;
  if (body.tools !== undefined) chat.tools = chatTools(body.tools);
  const toolChoice = body.tool_choice as { type?: string; name?: string; disable_parallel_tool_use?: boolean } | undefined;
  if (toolChoice) {
    chat.tool_choice = chatToolChoice(toolChoice);
    if (toolChoice.disable_parallel_tool_use === true && body.tools !== undefined) chat.parallel_tool_calls = false;
  }
  const format = (body.output_config as { format?: { type?: string; schema?: unknown } } | undefined)?.format;
  if (format?.type === 'json_schema') chat.response_format = { type: 'json_schema', json_schema: { name: 'response', schema: format.schema, strict: true } };
  const effort = reasoningEffort(body);
  if (effort) chat.reasoning_effort = effort;
  for (const name of openAIParameters) {
    if (body[name] !== undefined) chat[name] = body[name];
  }
  // `override_params: {"reasoning_effort": null}` is how a config sends no effort to a model without reasoning.
  if (chat.reasoning_effort === null) delete chat.reasoning_effort;
  if (chat.max_completion_tokens !== undefined) delete chat.max_tokens;
  return chat;
}
