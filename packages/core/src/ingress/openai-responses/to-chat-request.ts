/**
 * A Responses API request as an OpenAI chat completion request, for targets that do not serve
 * `/v1/responses`. https://platform.openai.com/docs/api-reference/responses/create
 */
import { GatewayError, invalidRequest } from '@ai-gateway/provider-utils';
import type { JsonObject } from '@ai-gateway/spec';
import { toChatMessages } from './input-items.js';

/** Parameters that need state or OpenAI's own servers; a translated target refuses them rather than ignore them. */
const statefulParameters: Record<string, string> = {
  conversation: 'Conversations are not supported for this provider. Send the whole conversation in `input`.',
  prompt: 'Prompt templates live on OpenAI\'s servers and cannot be used with this provider.',
};

/**
 * Chat parameters with no Responses counterpart that may arrive with a Responses body (from a
 * target's `override_params`) and pass on as they are: `thinking` and `top_k` for Claude, the rest
 * OpenAI chat's own. Every other field the Responses API does not share with chat is dropped.
 * (A switch, not a Set: each field of every request is looked up, and comparing names V8 has
 * interned costs less than hashing them.)
 */
function isChatParameter(name: string): boolean {
  switch (name) {
    case 'thinking':
    case 'top_k':
    case 'reasoning_effort':
    case 'max_completion_tokens':
    case 'seed':
    case 'stop':
    case 'frequency_penalty':
    case 'presence_penalty':
    case 'logit_bias':
    case 'verbosity':
      return true;
    default:
      return false;
  }
}

function chatTools(tools: unknown): JsonObject[] {
  if (!Array.isArray(tools)) throw invalidRequest('tools must be an array.', 'tools');
  return tools.map((tool: JsonObject, index) => {
    if (tool?.type !== 'function') {
      throw invalidRequest(`The built-in tool '${String(tool?.type)}' runs only on OpenAI; this provider takes function tools.`, `tools[${index}]`, 'unsupported_tool');
    }
    const definition: JsonObject = { name: tool.name, parameters: tool.parameters ?? { type: 'object', properties: {} } };
    if (typeof tool.description === 'string') definition.description = tool.description;
    if (typeof tool.strict === 'boolean') definition.strict = tool.strict;
    return { type: 'function', function: definition };
  });
}

function chatToolChoice(choice: unknown): unknown {
  if (choice === 'auto' || choice === 'required' || choice === 'none') return choice;
  const named = choice as { type?: unknown; name?: unknown } | null;
  if (named?.type === 'function' && typeof named.name === 'string') return { type: 'function', function: { name: named.name } };
  throw invalidRequest(`tool_choice ${JSON.stringify(choice)} cannot be translated for this provider: use auto, required, none or {"type": "function", "name": ...}.`, 'tool_choice', 'unsupported_parameter');
}

function chatResponseFormat(format: { type?: unknown; [field: string]: unknown } | undefined): JsonObject | undefined {
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type === 'json_schema') {
    const schema: JsonObject = { name: format.name ?? 'response', schema: format.schema };
    if (typeof format.description === 'string') schema.description = format.description;
    if (typeof format.strict === 'boolean') schema.strict = format.strict;
    return { type: 'json_schema', json_schema: schema };
  }
  throw invalidRequest(`text.format type '${String(format.type)}' cannot be translated for this provider.`, 'text.format', 'unsupported_parameter');
}

/**
 * Maps a `/v1/responses` body to a `/v1/chat/completions` body. Stored responses are the route's
 * (`previous_response_id` and `item_reference` items arrive resolved). `metadata` is echoed
 * in the answer, not sent upstream. See docs/responses.md.
 */
export function responsesToChatRequest(body: JsonObject): JsonObject {
  // The route replaced a stored previous response by its conversation; one still here is unknown, or another key's.
  if (typeof body.previous_response_id === 'string') {
    throw new GatewayError(`Previous response with id '${body.previous_response_id}' not found.`, { status: 404, type: 'invalid_request_error', code: 'previous_response_not_found', param: 'previous_response_id' });
  }
  if (body.background === true) throw invalidRequest('Background responses are not supported for this provider.', 'background', 'unsupported_parameter');
  if (body.input === undefined) throw invalidRequest('input is required.', 'input');

  const chat: JsonObject = { model: body.model, messages: toChatMessages(body.instructions, body.input) };
  // Chat's own parameters, in the rare body that has them (from a target's `override_params`).
  let passed: JsonObject | undefined;
  // One pass over the fields the client sent (a handful), not a lookup for each name the
  // translation knows: most of those are absent from any one request.
  for (const name in body) {
    const value = body[name];
    if (isChatParameter(name)) {
      if (value !== undefined) {
        if (passed === undefined) passed = {};
        passed[name] = value;
      }
      continue;
    }
    if (value === undefined || value === null) continue;
    switch (name) {
      case 'max_output_tokens':
        chat.max_tokens = value;
        break;
      // Responses parameters chat has under the same name.
      case 'temperature':
      case 'top_p':
      case 'user':
      case 'parallel_tool_calls':
        chat[name] = value;
        break;
      case 'stream':
        if (value !== true) break;
        chat.stream = true;
        // The Responses stream always ends with usage; ask the target for it.
        chat.stream_options = { include_usage: true };
        break;
      case 'tools': {
        const tools = chatTools(value);
        if (tools.length > 0) chat.tools = tools;
        break;
      }
      case 'tool_choice':
        chat.tool_choice = chatToolChoice(value);
        break;
      case 'text': {
        const responseFormat = chatResponseFormat((value as { format?: JsonObject }).format);
        if (responseFormat) chat.response_format = responseFormat;
        break;
      }
      case 'reasoning': {
        const effort = (value as { effort?: unknown }).effort;
        if (typeof effort === 'string' && effort !== 'none') chat.reasoning_effort = effort;
        break;
      }
      case 'conversation':
      case 'prompt':
        throw invalidRequest(statefulParameters[name]!, name, 'stored_responses_unsupported');
    }
  }
  // Chat's own parameters win over their Responses counterparts, whatever their order in the body.
  if (passed !== undefined) Object.assign(chat, passed);
  // `override_params: {"reasoning_effort": null}` is how a config sends no effort to a model without reasoning.
  if (chat.reasoning_effort === null) delete chat.reasoning_effort;
  if (chat.max_completion_tokens !== undefined) delete chat.max_tokens;
  return chat;
}
