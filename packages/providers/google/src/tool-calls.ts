/**
 * Tools both ways: OpenAI function tools and `tool_choice` -> Gemini `tools` and `toolConfig`,
 * and Gemini `functionCall` parts -> OpenAI tool calls.
 *
 * Gemini gives function calls no id, so one is made from the response id and the call's position:
 * the same answer always yields the same ids. Gemini 3 models attach a `thoughtSignature` to a call
 * that must come back with it; it travels in `extra_content.google.thought_signature`, the field
 * Google's own OpenAI-compatible endpoint uses, so clients that resend the assistant message keep it.
 */
import type { JsonObject } from '@ai-gateway/spec';
import { invalidRequest } from '@ai-gateway/provider-utils';
import type { GeminiFunctionDeclaration, GeminiGenerateContentRequest, GeminiPart } from './gemini-types.js';

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  extra_content?: { google: { thought_signature: string } };
}

/** Maps `tools`; only function tools exist in Gemini's function calling. */
export function toGeminiTools(tools: unknown): GeminiGenerateContentRequest['tools'] {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw invalidRequest('tools must be an array.', 'tools');
  if (tools.length === 0) return undefined;
  const functionDeclarations = tools.map((tool: any, index): GeminiFunctionDeclaration => {
    if (tool?.type !== 'function' || !tool.function?.name) {
      throw invalidRequest(`Only function tools are supported by Gemini (tools[${index}] is '${tool?.type}').`, `tools[${index}].type`, 'unsupported_tool');
    }
    const declaration: GeminiFunctionDeclaration = { name: tool.function.name };
    if (tool.function.description) declaration.description = tool.function.description;
    // JSON Schema as given: `parametersJsonSchema` takes it whole, where `parameters` takes only an OpenAPI subset.
    if (tool.function.parameters) declaration.parametersJsonSchema = tool.function.parameters;
    return declaration;
  });
  return [{ functionDeclarations }];
}

/** Maps `tool_choice`: auto -> AUTO, none -> NONE, required -> ANY, a named function -> ANY limited to it. */
export function toGeminiToolConfig(toolChoice: unknown): GeminiGenerateContentRequest['toolConfig'] {
  if (toolChoice === undefined || toolChoice === null) return undefined;
  if (toolChoice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (toolChoice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (toolChoice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  const choice = toolChoice as { type?: string; function?: { name?: string }; allowed_tools?: { mode?: string; tools?: any[] } };
  if (choice.type === 'function' && choice.function?.name) {
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  }
  if (choice.type === 'allowed_tools' && Array.isArray(choice.allowed_tools?.tools)) {
    const names = choice.allowed_tools.tools.map((tool) => tool?.function?.name).filter((name): name is string => typeof name === 'string');
    // Gemini restricts the functions only in ANY mode; in AUTO it may call any declared one.
    if (choice.allowed_tools.mode === 'required') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: names } };
    return { functionCallingConfig: { mode: 'AUTO' } };
  }
  throw invalidRequest('Unsupported tool_choice for Gemini.', 'tool_choice', 'unsupported_tool_choice');
}

/** The thought signature a client sent back on an assistant tool call, if any. */
export function readThoughtSignature(toolCall: JsonObject): string | undefined {
  const signature = (toolCall.extra_content as { google?: { thought_signature?: unknown } } | undefined)?.google?.thought_signature;
  return typeof signature === 'string' ? signature : undefined;
}

/**
 * What the ids of one response's tool calls start with: its `responseId` when Gemini sent one
 * (so the same answer always yields the same ids), else a random value made once per response.
 */
export function toolCallIdPrefix(responseId: string | undefined): string {
  const base = responseId?.replace(/[^A-Za-z0-9_-]/g, '') || crypto.randomUUID().replaceAll('-', '');
  return `call_${base}`;
}

/** The id of the `position`-th function call of a candidate: Gemini's own when it gave one. */
export function toolCallId(prefix: string, candidateIndex: number, position: number, upstreamId?: string): string {
  return upstreamId || `${prefix}_${candidateIndex}_${position}`;
}

/** One Gemini `functionCall` part as an OpenAI tool call. */
export function toOpenAIToolCall(part: GeminiPart, id: string): OpenAIToolCall {
  const call: OpenAIToolCall = {
    id,
    type: 'function',
    function: { name: part.functionCall!.name, arguments: JSON.stringify(part.functionCall!.args ?? {}) },
  };
  if (part.thoughtSignature) call.extra_content = { google: { thought_signature: part.thoughtSignature } };
  return call;
}
