/**
 * OpenAI `messages` -> Gemini `contents` and `systemInstruction`.
 *
 * - system and developer messages (wherever they sit) become `systemInstruction`, in order;
 * - assistant messages become `model` turns, their tool calls `functionCall` parts;
 * - consecutive tool messages become one `user` turn of `functionResponse` parts, as Gemini wants
 *   the answers to parallel calls together. Gemini matches them by function name, which is
 *   looked up from the assistant tool call with the same id.
 */
import { invalidRequest } from '@ai-gateway/provider-utils';
import { contentToParts } from './content-parts.js';
import type { GeminiContent, GeminiPart } from './gemini-types.js';
import { readThoughtSignature } from './tool-calls.js';

type OpenAIMessage = { role: string; content?: unknown; tool_calls?: any[]; tool_call_id?: string; name?: string };

export interface GeminiConversation {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
}

function parseArguments(text: unknown, param: string): Record<string, unknown> {
  if (text === undefined || text === null || text === '') return {};
  try {
    const value = JSON.parse(String(text));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw invalidRequest('Tool call arguments must be a JSON object for Gemini.', param, 'invalid_tool_arguments');
}

/** Gemini wants a JSON object as a function's response; anything else goes under `output`, as its docs suggest. */
function toolResultToResponse(content: unknown): Record<string, unknown> {
  const text = typeof content === 'string'
    ? content
    : Array.isArray(content) ? content.map((part: { text?: string }) => part.text ?? '').join('') : JSON.stringify(content ?? null);
  try {
    const value = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
    return { output: value };
  } catch {
    return { output: text };
  }
}

function systemText(content: unknown, param: string): GeminiPart[] {
  return contentToParts(content, param).map((part) => {
    if (part.text === undefined) throw invalidRequest('System messages may only contain text for Gemini.', param);
    return part;
  });
}

function assistantParts(message: OpenAIMessage, param: string): GeminiPart[] {
  const parts = contentToParts(message.content, `${param}.content`);
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    if (call?.type !== undefined && call.type !== 'function') {
      throw invalidRequest(`Tool call type '${call.type}' is not supported by Gemini.`, `${param}.tool_calls[${index}].type`);
    }
    const part: GeminiPart = { functionCall: { name: String(call.function?.name ?? ''), args: parseArguments(call.function?.arguments, `${param}.tool_calls[${index}].function.arguments`) } };
    const signature = readThoughtSignature(call);
    if (signature) part.thoughtSignature = signature;
    parts.push(part);
  }
  return parts;
}

/** Maps the conversation; throws a 400 naming the message at fault. */
export function toGeminiConversation(messages: unknown): GeminiConversation {
  if (!Array.isArray(messages)) throw invalidRequest('messages must be an array.', 'messages');
  const contents: GeminiContent[] = [];
  const systemParts: GeminiPart[] = [];
  const toolNames = new Map<string, string>();
  let pendingResponses: GeminiContent | undefined;

  for (const [index, message] of (messages as OpenAIMessage[]).entries()) {
    const param = `messages[${index}]`;
    if (message.role !== 'tool' && message.role !== 'function') pendingResponses = undefined;
    switch (message.role) {
      case 'system':
      case 'developer':
        systemParts.push(...systemText(message.content, `${param}.content`));
        break;
      case 'user':
        contents.push({ role: 'user', parts: contentToParts(message.content, `${param}.content`) });
        break;
      case 'assistant':
        for (const call of message.tool_calls ?? []) if (call?.id) toolNames.set(call.id, call.function?.name);
        contents.push({ role: 'model', parts: assistantParts(message, param) });
        break;
      case 'tool':
      case 'function': {
        const name = message.role === 'function' ? message.name : toolNames.get(message.tool_call_id ?? '');
        if (!name) throw invalidRequest(`No assistant tool call with id '${message.tool_call_id}' precedes this tool message.`, `${param}.tool_call_id`);
        if (!pendingResponses) {
          pendingResponses = { role: 'user', parts: [] };
          contents.push(pendingResponses);
        }
        pendingResponses.parts.push({ functionResponse: { name, response: toolResultToResponse(message.content) } });
        break;
      }
      default:
        throw invalidRequest(`Unknown message role '${message.role}'.`, `${param}.role`);
    }
  }
  return { contents, ...(systemParts.length > 0 ? { systemInstruction: { parts: systemParts } } : {}) };
}
