/**
 * An OpenAI chat request as a Cohere v2 chat request (https://docs.cohere.com/reference/chat).
 *
 * Every OpenAI parameter is either mapped, dropped or rejected by the tables below (see README);
 * a field OpenAI does not define passes through as it came, so Cohere's own parameters
 * (`k`, `documents`, `safety_mode`, `citation_options`, `thinking`, `priority`, ...) work.
 * Values are never clamped: out-of-range ones are Cohere's to reject.
 */
import type { JsonObject, ProviderCall } from '@ai-gateway/spec';
import { invalidRequest } from '@ai-gateway/provider-utils';
import { toCohereMessages } from './chat-messages.js';

/** OpenAI parameters with no Cohere equivalent whose absence does not change what the client gets. */
const droppedParameters = new Set(['user', 'parallel_tool_calls', 'store', 'metadata', 'service_tier', 'stream_options', 'prediction', 'safety_identifier', 'prompt_cache_key', 'verbosity']);

/** OpenAI parameters whose meaning Cohere cannot honour: dropping them would change the answer's shape. */
const rejectedParameters: Record<string, string> = {
  logprobs: 'log probabilities are not mapped back to OpenAI\'s format',
  top_logprobs: 'log probabilities are not mapped back to OpenAI\'s format',
  logit_bias: 'Cohere has no logit bias',
  audio: 'Cohere has no audio output',
  functions: 'use `tools` instead of the deprecated `functions`',
  function_call: 'use `tool_choice` instead of the deprecated `function_call`',
  web_search_options: 'Cohere has no built-in web search',
};

/** OpenAI parameters mapped below; everything else not listed above passes through. */
const mappedParameters = new Set([
  'model', 'messages', 'stream', 'tools', 'tool_choice', 'response_format', 'stop', 'max_tokens', 'max_completion_tokens',
  'temperature', 'top_p', 'seed', 'n', 'frequency_penalty', 'presence_penalty', 'reasoning_effort', 'modalities',
]);

type FunctionTool = { type: 'function'; function: { name: string; description?: string; parameters?: unknown; strict?: boolean } };

function isRejected(name: string, value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (name === 'logit_bias' && typeof value === 'object' && Object.keys(value).length === 0) return false;
  return true;
}

function mapTools(tools: unknown): { tools: JsonObject[]; strict: boolean } {
  if (!Array.isArray(tools)) throw invalidRequest('`tools` must be an array.', 'tools');
  const functions = tools.map((tool: { type?: string }, index) => {
    if (tool.type !== 'function') throw invalidRequest(`cohere supports function tools only, not '${String(tool.type)}'.`, `tools[${index}].type`, 'unsupported_tool');
    return tool as FunctionTool;
  });
  return {
    tools: functions.map(({ function: fn }) => ({
      type: 'function',
      function: { name: fn.name, ...(fn.description !== undefined ? { description: fn.description } : {}), parameters: fn.parameters ?? { type: 'object', properties: {} } },
    })),
    // Cohere's strict mode covers all tools at once, so it is on only when every tool asks for it.
    strict: functions.length > 0 && functions.every((tool) => tool.function.strict === true),
  };
}

/**
 * OpenAI's tool_choice as Cohere's: `auto` is Cohere's default, `required`/`none` exist as
 * `REQUIRED`/`NONE`, and a named function (which Cohere cannot express) becomes "only that tool, required".
 */
function applyToolChoice(request: JsonObject, toolChoice: unknown): void {
  if (toolChoice === undefined || toolChoice === null || toolChoice === 'auto') return;
  if (toolChoice === 'none' || toolChoice === 'required') {
    request.tool_choice = toolChoice === 'none' ? 'NONE' : 'REQUIRED';
    return;
  }
  const choice = toolChoice as { type?: string; function?: { name?: string }; allowed_tools?: { mode?: string; tools?: { function?: { name?: string } }[] } };
  const keep = choice.type === 'function' ? [choice.function?.name] : choice.type === 'allowed_tools' ? (choice.allowed_tools?.tools ?? []).map((tool) => tool.function?.name) : undefined;
  if (!keep) throw invalidRequest(`Unsupported tool_choice for cohere: ${JSON.stringify(toolChoice)}.`, 'tool_choice', 'unsupported_tool_choice');
  const tools = ((request.tools as FunctionTool[] | undefined) ?? []).filter((tool) => keep.includes(tool.function.name));
  if (tools.length === 0) throw invalidRequest('tool_choice names a function that is not in `tools`.', 'tool_choice');
  request.tools = tools;
  if (choice.type === 'function' || choice.allowed_tools?.mode === 'required') request.tool_choice = 'REQUIRED';
}

function mapResponseFormat(format: unknown): JsonObject | undefined {
  const responseFormat = format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  if (!responseFormat || responseFormat.type === 'text') return undefined;
  if (responseFormat.type === 'json_object') return { type: 'json_object' };
  if (responseFormat.type === 'json_schema') {
    const schema = responseFormat.json_schema?.schema;
    return schema ? { type: 'json_object', json_schema: schema } : { type: 'json_object' };
  }
  throw invalidRequest(`Unsupported response_format type '${String(responseFormat.type)}' for cohere.`, 'response_format.type');
}

export function toCohereChatRequest(body: JsonObject, call: ProviderCall): JsonObject {
  for (const [name, reason] of Object.entries(rejectedParameters)) {
    if (isRejected(name, body[name])) throw invalidRequest(`cohere does not support \`${name}\`: ${reason}.`, name, 'unsupported_parameter');
  }
  if (typeof body.n === 'number' && body.n > 1) throw invalidRequest('cohere answers one choice per request: `n` must be 1.', 'n', 'unsupported_parameter');
  if (Array.isArray(body.modalities) && body.modalities.some((modality) => modality !== 'text')) {
    throw invalidRequest('cohere answers text only: `modalities` must be ["text"].', 'modalities', 'unsupported_parameter');
  }

  const request: JsonObject = { model: body.model, messages: toCohereMessages(body.messages) };
  if (call.stream) request.stream = true;
  if (body.tools !== undefined) {
    const { tools, strict } = mapTools(body.tools);
    if (tools.length > 0) request.tools = tools;
    if (strict) request.strict_tools = true;
  }
  applyToolChoice(request, body.tool_choice);
  const responseFormat = mapResponseFormat(body.response_format);
  if (responseFormat) request.response_format = responseFormat;
  if (body.stop !== undefined && body.stop !== null) request.stop_sequences = Array.isArray(body.stop) ? body.stop : [body.stop];
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) request.max_tokens = maxTokens;
  if (body.top_p !== undefined && body.top_p !== null) request.p = body.top_p;
  for (const name of ['temperature', 'seed', 'frequency_penalty', 'presence_penalty'] as const) {
    if (body[name] !== undefined && body[name] !== null) request[name] = body[name];
  }
  // Cohere's own `thinking` (passed through below) says more than an effort level, so it wins.
  if (body.reasoning_effort !== undefined && body.thinking === undefined) {
    request.thinking = { type: body.reasoning_effort === 'none' ? 'disabled' : 'enabled' };
  }

  for (const [name, value] of Object.entries(body)) {
    if (!mappedParameters.has(name) && !droppedParameters.has(name) && !(name in rejectedParameters) && !(name in request)) request[name] = value;
  }
  return request;
}
