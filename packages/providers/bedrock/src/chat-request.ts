/**
 * An OpenAI chat request -> a Converse (or ConverseStream) request body.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 *
 * Parameter rules (also in the package README):
 * - mapped: messages, max_completion_tokens / max_tokens, temperature, top_p, stop, tools,
 *   tool_choice, response_format `json_schema`, user (-> requestMetadata.user),
 *   `additional_model_request_fields` (passed as Converse's additionalModelRequestFields);
 * - rejected with a 400, because the answer would not be what the client asked for: n > 1,
 *   logprobs / top_logprobs, response_format `json_object` (Converse has no schema-less JSON
 *   mode: use `json_schema`), audio output;
 * - dropped, because Converse has no such control: seed, frequency_penalty, presence_penalty,
 *   logit_bias, parallel_tool_calls, and any other field Converse does not know.
 * Values are passed as given: out-of-range ones are Bedrock's to reject.
 */
import type { JsonObject } from '@ai-gateway/spec';
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { ImageFetchOptions } from './chat-images.js';
import { toConverseMessages } from './chat-messages.js';

function unsupported(message: string, param: string) {
  return invalidRequest(message, param, 'unsupported_parameter');
}

function rejectUnsupported(body: JsonObject): void {
  if (typeof body.n === 'number' && body.n > 1) throw unsupported('Bedrock Converse returns one choice; n must be 1.', 'n');
  if (body.logprobs === true || body.top_logprobs !== undefined && body.top_logprobs !== null) {
    throw unsupported('Bedrock Converse does not return log probabilities; remove logprobs and top_logprobs.', body.logprobs === true ? 'logprobs' : 'top_logprobs');
  }
  if (Array.isArray(body.modalities) && body.modalities.includes('audio') || body.audio) {
    throw unsupported('Bedrock Converse does not produce audio output.', 'modalities');
  }
}

function inferenceConfig(body: JsonObject): JsonObject | undefined {
  const config: JsonObject = {};
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) config.maxTokens = maxTokens;
  if (body.temperature !== undefined && body.temperature !== null) config.temperature = body.temperature;
  if (body.top_p !== undefined && body.top_p !== null) config.topP = body.top_p;
  if (typeof body.stop === 'string') config.stopSequences = [body.stop];
  else if (Array.isArray(body.stop)) config.stopSequences = body.stop;
  return Object.keys(config).length > 0 ? config : undefined;
}

function toolSpecs(tools: unknown): JsonObject[] {
  if (!Array.isArray(tools)) return [];
  return tools.map((tool: JsonObject, index) => {
    const fn = tool?.function as { name?: string; description?: string; parameters?: unknown; strict?: boolean } | undefined;
    if (tool?.type !== 'function' || !fn?.name) throw invalidRequest(`Bedrock supports function tools only (tools[${index}]).`, `tools[${index}]`, 'unsupported_tool');
    const spec: JsonObject = { name: fn.name, inputSchema: { json: fn.parameters ?? { type: 'object', properties: {} } } };
    if (fn.description) spec.description = fn.description;
    if (fn.strict === true) spec.strict = true;
    return { toolSpec: spec };
  });
}

/**
 * `tool_choice` -> toolConfig. Converse has no "none": with `none` the tools are left out, unless
 * the conversation already carries tool calls, which Bedrock only accepts with a toolConfig;
 * then the tools are sent without a choice (the model may still call one).
 */
function toolConfig(body: JsonObject, hasToolBlocks: boolean): JsonObject | undefined {
  const tools = toolSpecs(body.tools);
  if (tools.length === 0) return undefined;
  const choice = body.tool_choice;
  if (choice === 'none') return hasToolBlocks ? { tools } : undefined;
  if (choice === undefined || choice === null || choice === 'auto') return { tools, ...(choice === 'auto' ? { toolChoice: { auto: {} } } : {}) };
  if (choice === 'required') return { tools, toolChoice: { any: {} } };
  const name = (choice as { type?: string; function?: { name?: string } }).function?.name;
  if ((choice as { type?: string }).type === 'function' && name) return { tools, toolChoice: { tool: { name } } };
  throw invalidRequest('tool_choice must be "none", "auto", "required" or a named function for Bedrock.', 'tool_choice', 'unsupported_parameter');
}

function outputConfig(responseFormat: unknown): JsonObject | undefined {
  const format = responseFormat as { type?: string; json_schema?: { name?: string; description?: string; schema?: unknown } } | undefined;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_schema' && format.json_schema?.schema) {
    const jsonSchema: JsonObject = { schema: JSON.stringify(format.json_schema.schema) };
    if (format.json_schema.name) jsonSchema.name = format.json_schema.name;
    if (format.json_schema.description) jsonSchema.description = format.json_schema.description;
    return { textFormat: { type: 'json_schema', structure: { jsonSchema } } };
  }
  if (format.type === 'json_object') {
    throw unsupported('Bedrock Converse has no schema-less JSON mode; use response_format {"type": "json_schema"} with a schema.', 'response_format');
  }
  throw unsupported(`response_format '${String(format.type)}' is not supported by Bedrock.`, 'response_format');
}

/** The Converse body. The model goes in the URL, not the body; streaming is a different path. */
export async function toConverseRequest(body: JsonObject, images: ImageFetchOptions): Promise<JsonObject> {
  rejectUnsupported(body);
  const { system, messages, hasToolBlocks } = await toConverseMessages(body.messages, images);
  const request: JsonObject = { messages };
  if (system.length > 0) request.system = system;
  const inference = inferenceConfig(body);
  if (inference) request.inferenceConfig = inference;
  const tools = toolConfig(body, hasToolBlocks);
  if (tools) request.toolConfig = tools;
  const output = outputConfig(body.response_format);
  if (output) request.outputConfig = output;
  const additional = body.additional_model_request_fields ?? body.additionalModelRequestFields;
  if (additional && typeof additional === 'object') request.additionalModelRequestFields = additional;
  if (typeof body.user === 'string' && body.user) request.requestMetadata = { user: body.user };
  return request;
}
