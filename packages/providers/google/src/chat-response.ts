/**
 * A Gemini `generateContent` response -> an OpenAI `chat.completion`.
 * Reference: https://ai.google.dev/api/generate-content#generatecontentresponse
 */
import type { GeminiCandidate, GeminiGenerateContentResponse } from './gemini-types.js';
import { mapGeminiFinishReason } from './finish-reason.js';
import { toOpenAIToolCall, toolCallId, toolCallIdPrefix, type OpenAIToolCall } from './tool-calls.js';
import { mapGeminiUsage } from './usage.js';

/**
 * One candidate as an OpenAI choice. Thought parts (present only when thinking output was asked
 * for) are the model's reasoning, not its answer: they become `reasoning_content`, not `content`.
 */
function toChoice(candidate: GeminiCandidate, position: number, idPrefix: string) {
  const index = candidate.index ?? position;
  let text = '';
  let reasoning = '';
  const toolCalls: OpenAIToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.thought) {
      if (typeof part.text === 'string') reasoning += part.text;
      continue;
    }
    if (part.functionCall) toolCalls.push(toOpenAIToolCall(part, toolCallId(idPrefix, index, toolCalls.length, part.functionCall.id)));
    else if (typeof part.text === 'string') text += part.text;
  }
  const message: Record<string, unknown> = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text, refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message.reasoning_content = reasoning;
  return { index, message, logprobs: null, finish_reason: mapGeminiFinishReason(candidate.finishReason, toolCalls.length > 0) };
}

/**
 * Maps a whole response. A prompt Gemini blocked has no candidates: that becomes one empty
 * choice ending in `content_filter`, as OpenAI reports a filtered answer.
 *
 * Core's `chatCompletionResponse` builds a single choice; `n` > 1 needs one per candidate.
 *
 * @param model the model the client asked for; Gemini's `modelVersion` wins when present.
 */
export function fromGeminiGenerateContentResponse(response: GeminiGenerateContentResponse, model: string) {
  const idPrefix = toolCallIdPrefix(response.responseId);
  const candidates = response.candidates ?? [];
  const choices = candidates.length > 0
    ? candidates.map((candidate, position) => toChoice(candidate, position, idPrefix))
    : [{ index: 0, message: { role: 'assistant', content: null, refusal: null }, logprobs: null, finish_reason: response.promptFeedback?.blockReason ? 'content_filter' : 'stop' }];
  return {
    id: response.responseId ? `chatcmpl-${response.responseId}` : `chatcmpl-${crypto.randomUUID()}`,
    object: 'chat.completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion ?? model,
    choices,
    usage: mapGeminiUsage(response.usageMetadata),
  };
}
