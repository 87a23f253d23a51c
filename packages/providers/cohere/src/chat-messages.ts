/**
 * OpenAI chat messages as Cohere v2 messages. The shapes are close: tools calls and `image_url`
 * parts are the same; system and developer messages both become `system`; an assistant turn that
 * calls tools carries its text as `tool_plan`, which is where Cohere expects it.
 * Reference: https://docs.cohere.com/reference/chat#request.body.messages
 */
import type { JsonObject } from '@ai-gateway/spec';
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { CohereContentPart, CohereMessage, CohereToolCall } from './cohere-types.js';

type OpenAIPart = { type?: string; text?: string; refusal?: string; image_url?: { url?: string; detail?: string } | string };

function unsupportedPart(type: string | undefined, param: string): never {
  throw invalidRequest(`cohere does not accept '${type ?? 'unknown'}' message content; supported parts are text and image_url.`, param, 'unsupported_content');
}

/** Text-only content (system, assistant, tool): parts are joined, as Cohere reads them as one text. */
function textOf(content: unknown, param: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidRequest('Message content must be a string or an array of parts.', param);
  return (content as OpenAIPart[])
    .map((part, index) => {
      if (part.type === 'text') return part.text ?? '';
      if (part.type === 'refusal') return part.refusal ?? '';
      return unsupportedPart(part.type, `${param}[${index}]`);
    })
    .join('');
}

function userContent(content: unknown, param: string): string | CohereContentPart[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidRequest('Message content must be a string or an array of parts.', param);
  return (content as OpenAIPart[]).map((part, index): CohereContentPart => {
    if (part.type === 'text') return { type: 'text', text: part.text ?? '' };
    if (part.type === 'image_url') {
      // https URLs and base64 data URLs alike: Cohere's vision models take both as `image_url`.
      const image = typeof part.image_url === 'string' ? { url: part.image_url } : part.image_url;
      if (!image?.url) throw invalidRequest('An image_url part needs a url.', `${param}[${index}].image_url.url`);
      return { type: 'image_url', image_url: image.detail ? { url: image.url, detail: image.detail } : { url: image.url } };
    }
    return unsupportedPart(part.type, `${param}[${index}]`);
  });
}

function toolCalls(calls: unknown): CohereToolCall[] {
  return (calls as { id: string; type?: string; function: { name: string; arguments: string } }[]).map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.function.name, arguments: call.function.arguments },
  }));
}

/** Maps every message; a role or part Cohere cannot take is a 400 naming it. */
export function toCohereMessages(messages: unknown): CohereMessage[] {
  if (!Array.isArray(messages)) throw invalidRequest('`messages` must be an array.', 'messages');
  return (messages as JsonObject[]).map((message, index): CohereMessage => {
    const param = `messages[${index}].content`;
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: textOf(message.content, param) };
      case 'user':
        return { role: 'user', content: userContent(message.content, param) };
      case 'assistant': {
        const text = textOf(message.content, param);
        if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
          return { role: 'assistant', tool_calls: toolCalls(message.tool_calls), ...(text ? { tool_plan: text } : {}) };
        }
        return { role: 'assistant', content: text };
      }
      case 'tool':
        return { role: 'tool', tool_call_id: String(message.tool_call_id ?? ''), content: textOf(message.content, param) };
      default:
        throw invalidRequest(`cohere does not accept messages with role '${String(message.role)}'; use system, developer, user, assistant or tool.`, `messages[${index}].role`, 'unsupported_role');
    }
  });
}
