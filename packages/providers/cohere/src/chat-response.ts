/**
 * A Cohere v2 chat answer as an OpenAI `chat.completion`.
 * Reference: https://docs.cohere.com/reference/chat#response
 */
import type { ProviderCall } from '@ai-gateway/spec';
import { chatCompletionResponse } from '@ai-gateway/provider-utils';
import type { CohereChatResponse } from './cohere-types.js';
import { mapCohereFinishReason } from './finish-reason.js';
import { generationFailed } from './upstream-failure.js';
import { toOpenAIUsage } from './usage.js';

export function toOpenAIChatCompletion(response: CohereChatResponse, call: ProviderCall) {
  const finishReason = mapCohereFinishReason(response.finish_reason);
  if (finishReason === null) throw generationFailed(undefined);

  const parts = response.message?.content ?? [];
  const text = parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const thinking = parts.map((part) => (part.type === 'thinking' ? part.thinking : '')).join('');
  const toolCalls = (response.message?.tool_calls ?? []).map((toolCall) => ({
    id: toolCall.id,
    type: 'function' as const,
    // Cohere answers `null` arguments for tools without parameters; OpenAI clients parse JSON objects.
    function: { name: toolCall.function.name, arguments: !toolCall.function.arguments || toolCall.function.arguments === 'null' ? '{}' : toolCall.function.arguments },
  }));

  // The tool plan is the text Cohere writes before calling tools: OpenAI puts such text in `content`.
  const content = text || (toolCalls.length > 0 ? response.message?.tool_plan || null : '');
  return chatCompletionResponse({
    id: response.id,
    model: String(call.body?.model ?? ''),
    message: {
      content,
      refusal: null,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      ...(thinking ? { reasoning_content: thinking } : {}),
    },
    finishReason,
    usage: toOpenAIUsage(response.usage),
  });
}
