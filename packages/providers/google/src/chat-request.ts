/**
 * An OpenAI chat completion request -> a Gemini `generateContent` request.
 * Reference: https://ai.google.dev/api/generate-content#request-body
 *
 * Values pass as given: out-of-range ones are Gemini's to reject, never clamped here.
 * Parameters without a Gemini equivalent follow the rules in this package's README:
 * those that would change the answer's shape are rejected with a 400 naming them;
 * those that only describe the caller or the transport are ignored.
 */
import type { JsonObject } from '@ai-gateway/spec';
import { invalidRequest, withFields } from '@ai-gateway/provider-utils';
import { toGeminiConversation } from './chat-messages.js';
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from './gemini-types.js';
import { toGeminiToolConfig, toGeminiTools } from './tool-calls.js';

/** OpenAI parameters Gemini cannot honour and a client would notice missing: answered with a 400. */
const rejectedParameters: Record<string, string> = {
  logit_bias: 'Gemini has no token biasing.',
  logprobs: 'log probabilities are not translated for Gemini.',
  top_logprobs: 'log probabilities are not translated for Gemini.',
  audio: 'audio output is not translated for Gemini.',
  prediction: 'predicted outputs do not exist in Gemini.',
  functions: 'use `tools` instead of the deprecated `functions`.',
  function_call: 'use `tool_choice` instead of the deprecated `function_call`.',
  web_search_options: 'web search is not translated for Gemini.',
};

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

function rejectUnsupported(body: JsonObject, stream: boolean): void {
  for (const [name, reason] of Object.entries(rejectedParameters)) {
    if (isSet(body[name])) throw invalidRequest(`'${name}' is not supported by the Gemini API: ${reason}`, name, 'unsupported_parameter');
  }
  if (Array.isArray(body.modalities) && body.modalities.some((modality) => modality !== 'text')) {
    throw invalidRequest('Only text output is translated for Gemini.', 'modalities', 'unsupported_parameter');
  }
  // The shared chunk writer streams a single choice; several would interleave without their index.
  if (stream && typeof body.n === 'number' && body.n > 1) {
    throw invalidRequest('n > 1 cannot be streamed from Gemini through the gateway; use a non-streamed request.', 'n', 'unsupported_parameter');
  }
}

function responseFormatConfig(format: unknown): Partial<GeminiGenerationConfig> {
  const responseFormat = format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  if (!responseFormat || responseFormat.type === 'text') return {};
  if (responseFormat.type === 'json_object') return { responseMimeType: 'application/json' };
  if (responseFormat.type === 'json_schema') {
    const schema = responseFormat.json_schema?.schema;
    // JSON Schema as given: `responseJsonSchema` takes it whole, where `responseSchema` takes only an OpenAPI subset.
    return { responseMimeType: 'application/json', ...(schema ? { responseJsonSchema: schema } : {}) };
  }
  throw invalidRequest(`response_format type '${responseFormat.type}' is not supported by Gemini.`, 'response_format.type', 'unsupported_parameter');
}

/**
 * OpenAI's `reasoning_effort` as a Gemini thinking budget, with the levels Google's own OpenAI
 * endpoint uses (https://ai.google.dev/gemini-api/docs/openai#thinking); `none` turns thinking off.
 * Thoughts are asked for too, so the answer carries them as `reasoning_content`.
 */
const thinkingBudgets: Record<string, number> = { none: 0, minimal: 1024, low: 1024, medium: 8192, high: 24576, xhigh: 24576 };

function thinkingConfig(effort: unknown): GeminiGenerationConfig['thinkingConfig'] | undefined {
  if (effort === undefined || effort === null) return undefined;
  const thinkingBudget = thinkingBudgets[String(effort)];
  if (thinkingBudget === undefined) throw invalidRequest(`reasoning_effort '${String(effort)}' has no Gemini thinking budget; use ${Object.keys(thinkingBudgets).join(', ')}.`, 'reasoning_effort', 'unsupported_parameter');
  return thinkingBudget === 0 ? { thinkingBudget } : { thinkingBudget, includeThoughts: true };
}

function generationConfig(body: JsonObject): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) config.maxOutputTokens = maxTokens as number;
  if (body.temperature !== undefined && body.temperature !== null) config.temperature = body.temperature as number;
  if (body.top_p !== undefined && body.top_p !== null) config.topP = body.top_p as number;
  if (body.top_k !== undefined && body.top_k !== null) config.topK = body.top_k as number;
  if (body.seed !== undefined && body.seed !== null) config.seed = body.seed as number;
  if (body.n !== undefined && body.n !== null) config.candidateCount = body.n as number;
  if (body.presence_penalty !== undefined && body.presence_penalty !== null) config.presencePenalty = body.presence_penalty as number;
  if (body.frequency_penalty !== undefined && body.frequency_penalty !== null) config.frequencyPenalty = body.frequency_penalty as number;
  if (body.stop !== undefined && body.stop !== null) config.stopSequences = Array.isArray(body.stop) ? (body.stop as string[]) : [body.stop as string];
  Object.assign(config, responseFormatConfig(body.response_format));
  const thinking = thinkingConfig(body.reasoning_effort);
  if (thinking) config.thinkingConfig = thinking;
  return Object.keys(config).length > 0 ? config : undefined;
}

/**
 * Maps an OpenAI chat body to Gemini's. Throws a 400 (`GatewayError`) for a parameter it rejects.
 *
 * @example
 * ```ts
 * toGeminiGenerateContentRequest({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 50 });
 * // { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { maxOutputTokens: 50 } }
 * ```
 */
export function toGeminiGenerateContentRequest(body: JsonObject, options: { stream?: boolean } = {}): GeminiGenerateContentRequest & JsonObject {
  rejectUnsupported(body, options.stream ?? body.stream === true);
  const request = withFields(toGeminiConversation(body.messages)) as GeminiGenerateContentRequest & JsonObject;
  const tools = toGeminiTools(body.tools);
  if (tools) request.tools = tools;
  const toolConfig = toGeminiToolConfig(body.tool_choice);
  if (toolConfig) request.toolConfig = toolConfig;
  const config = generationConfig(body);
  if (config) request.generationConfig = config;
  // Gemini-only fields under Portkey's names, for clients that already send them.
  if (body.safety_settings !== undefined) request.safetySettings = body.safety_settings;
  if (body.cached_content !== undefined) request.cachedContent = body.cached_content;
  return request;
}
