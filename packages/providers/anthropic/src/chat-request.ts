/**
 * An OpenAI chat completion request as an Anthropic Messages request. The rules for parameters
 * Anthropic lacks are listed in this package's README; each one drops a parameter that only tunes
 * the answer, or rejects one whose absence the client would notice, with a 400 naming it.
 * https://docs.anthropic.com/en/api/messages
 */
import type { JsonObject } from '@ai-gateway/spec';
import { invalidRequest, withFields } from '@ai-gateway/provider-utils';
import type { AnthropicMessagesRequest, AnthropicTool, AnthropicToolChoice } from './anthropic-types.js';
import { toAnthropicConversation } from './chat-messages.js';

/** Anthropic requires `max_tokens`; OpenAI clients often send none. */
export const defaultMaxTokens = 4096;

export interface AnthropicRequestOptions {
  /** `max_tokens` when the client sends neither `max_tokens` nor `max_completion_tokens`. Default 4096. */
  defaultMaxTokens?: number;
}

/** Anthropic's effort levels that OpenAI's `reasoning_effort` names the same way. */
const effortLevels = new Set(['low', 'medium', 'high', 'xhigh']);

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function rejectUnsupported(body: JsonObject): void {
  if (isSet(body.n) && body.n !== 1) throw invalidRequest('Anthropic returns one choice per request: n must be 1 (or omitted).', 'n', 'unsupported_parameter');
  if (body.logprobs === true || isSet(body.top_logprobs)) throw invalidRequest('Anthropic does not return log probabilities.', 'logprobs', 'unsupported_parameter');
  if (isSet(body.audio) || (Array.isArray(body.modalities) && body.modalities.includes('audio'))) {
    throw invalidRequest('Anthropic does not answer with audio.', 'modalities', 'unsupported_parameter');
  }
  if (isSet(body.functions) || isSet(body.function_call)) {
    throw invalidRequest('The deprecated functions / function_call parameters are not translated; use tools and tool_choice.', 'functions', 'unsupported_parameter');
  }
}

function toAnthropicTools(tools: unknown): AnthropicTool[] | undefined {
  if (!isSet(tools)) return undefined;
  if (!Array.isArray(tools)) throw invalidRequest('tools must be an array.', 'tools');
  return tools.map((tool: { type?: unknown; function?: JsonObject }, index) => {
    if (tool?.type !== 'function' || !tool.function) throw invalidRequest(`Anthropic takes function tools only, not '${String(tool?.type)}'.`, `tools[${index}]`, 'unsupported_parameter');
    const definition: AnthropicTool & JsonObject = {
      name: String(tool.function.name ?? ''),
      input_schema: (tool.function.parameters as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
    };
    if (typeof tool.function.description === 'string') definition.description = tool.function.description;
    if (tool.function.strict === true) definition.strict = true;
    return definition;
  });
}

function toAnthropicToolChoice(toolChoice: unknown, parallelToolCalls: unknown): AnthropicToolChoice | undefined {
  let choice: AnthropicToolChoice | undefined;
  if (toolChoice === 'auto') choice = { type: 'auto' };
  else if (toolChoice === 'required') choice = { type: 'any' };
  else if (toolChoice === 'none') choice = { type: 'none' };
  else if (typeof toolChoice === 'object' && toolChoice !== null) {
    const name = (toolChoice as { function?: { name?: unknown } }).function?.name;
    if (typeof name !== 'string') throw invalidRequest('tool_choice must name a function: {"type": "function", "function": {"name": ...}}.', 'tool_choice');
    choice = { type: 'tool', name };
  } else if (isSet(toolChoice)) {
    throw invalidRequest(`Unknown tool_choice '${String(toolChoice)}'.`, 'tool_choice');
  }
  // Anthropic puts the parallel switch on tool_choice; a choice of `none` calls no tool at all.
  if (parallelToolCalls === false && choice?.type !== 'none') return withFields(choice ?? { type: 'auto' }, { disable_parallel_tool_use: true }) as AnthropicToolChoice;
  return choice;
}

/** `json_schema` uses Anthropic's structured outputs; `json_object` has no Anthropic flag and is dropped. */
function toOutputFormat(responseFormat: unknown): JsonObject | undefined {
  const format = responseFormat as { type?: unknown; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type !== 'json_schema') return undefined;
  if (typeof format.json_schema?.schema !== 'object' || format.json_schema.schema === null) {
    throw invalidRequest('response_format json_schema needs json_schema.schema.', 'response_format.json_schema.schema');
  }
  return { type: 'json_schema', schema: format.json_schema.schema };
}

function toOutputConfig(body: JsonObject): JsonObject | undefined {
  const outputConfig: JsonObject = withFields((body.output_config as JsonObject | undefined) ?? {});
  const format = toOutputFormat(body.response_format);
  if (format) outputConfig.format = format;
  if (isSet(body.reasoning_effort)) {
    if (!effortLevels.has(String(body.reasoning_effort))) {
      throw invalidRequest(`Anthropic's effort levels are ${[...effortLevels].join(', ')}; '${String(body.reasoning_effort)}' has no equivalent.`, 'reasoning_effort', 'unsupported_parameter');
    }
    outputConfig.effort = body.reasoning_effort;
  }
  return Object.keys(outputConfig).length > 0 ? outputConfig : undefined;
}

/**
 * Maps an OpenAI `/chat/completions` body to an Anthropic `/messages` body. Throws a 400
 * `GatewayError` naming the parameter for what Anthropic cannot do (`n` > 1, `logprobs`, audio).
 *
 * @example
 * ```ts
 * toAnthropicMessagesRequest({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] });
 * // { model: 'claude-sonnet-4-5', max_tokens: 4096, messages: [{ role: 'user', content: 'Hi' }] }
 * ```
 */
export function toAnthropicMessagesRequest(body: JsonObject, options: AnthropicRequestOptions = {}): AnthropicMessagesRequest {
  rejectUnsupported(body);
  const { system, messages } = toAnthropicConversation(body.messages);
  const request: AnthropicMessagesRequest & JsonObject = {
    model: body.model as string,
    max_tokens: (body.max_completion_tokens ?? body.max_tokens ?? options.defaultMaxTokens ?? defaultMaxTokens) as number,
    messages,
  };
  if (system !== undefined) request.system = system;
  if (isSet(body.stop)) request.stop_sequences = Array.isArray(body.stop) ? (body.stop as string[]) : [body.stop as string];
  if (isSet(body.temperature)) request.temperature = body.temperature as number;
  if (isSet(body.top_p)) request.top_p = body.top_p as number;
  if (body.stream === true) request.stream = true;
  if (typeof body.user === 'string') request.metadata = { user_id: body.user };
  const tools = toAnthropicTools(body.tools);
  if (tools) request.tools = tools;
  const toolChoice = toAnthropicToolChoice(body.tool_choice, body.parallel_tool_calls);
  if (toolChoice) request.tool_choice = toolChoice;
  const outputConfig = toOutputConfig(body);
  if (outputConfig) request.output_config = outputConfig;
  // Anthropic's own parameters, for clients (or override_params) that know they talk to Anthropic.
  if (isSet(body.top_k)) request.top_k = body.top_k as number;
  if (isSet(body.thinking)) request.thinking = body.thinking;
  return request;
}
