/**
 * An OpenAI `chat.completion` as a Responses API `response`: reasoning, message and function-call
 * output items, status and usage. https://platform.openai.com/docs/api-reference/responses/object
 */
import type { JsonObject } from '@ai-gateway/spec';
import { keepsThinkingBlocks } from './thinking-blocks.js';
import { functionCallItem, messageItem, reasoningItem, reasoningTextOf, responseItemId, responseObject, responseSettingsText, responseText, statusOf, toResponsesUsage, type ResponseFields } from './response-object.js';

/** What a translated answer says: its output items, status and usage. */
function answerFields(completion: any, request: JsonObject): ResponseFields {
  const choice = completion?.choices?.[0];
  const message = choice?.message ?? {};
  const output: JsonObject[] = [];
  const reasoning = reasoningTextOf(message);
  const thinkingBlocks = Array.isArray(message.thinking_blocks) && keepsThinkingBlocks(request) ? message.thinking_blocks : undefined;
  if (reasoning !== '' || thinkingBlocks) output.push(reasoningItem(responseItemId('rs'), reasoning, thinkingBlocks));
  const content: JsonObject[] = [];
  if (typeof message.content === 'string' && message.content !== '') content.push({ type: 'output_text', text: message.content, annotations: [], logprobs: [] });
  if (typeof message.refusal === 'string' && message.refusal !== '') content.push({ type: 'refusal', refusal: message.refusal });
  if (content.length > 0) output.push(messageItem(responseItemId('msg'), content));
  for (const call of message.tool_calls ?? []) {
    output.push(functionCallItem(responseItemId('fc'), call.id, call.function?.name, String(call.function?.arguments ?? '')));
  }
  const { status, incomplete_details } = statusOf(choice?.finish_reason);
  return {
    id: responseItemId('resp'),
    createdAt: typeof completion?.created === 'number' ? completion.created : Math.floor(Date.now() / 1000),
    model: completion?.model ?? request.model ?? null,
    status,
    incompleteDetails: incomplete_details,
    output,
    usage: toResponsesUsage(completion?.usage),
  };
}

export function chatToResponsesResponse(completion: any, request: JsonObject): JsonObject {
  return responseObject(request, answerFields(completion, request));
}

/** The same response as JSON text, for an answer no hook rewrites (`IngressFormatV1.fromChatResponseText`). */
export function chatToResponsesText(completion: any, request: JsonObject): string {
  return responseText(answerFields(completion, request), responseSettingsText(request));
}
