/**
 * Gemini `streamGenerateContent?alt=sse` -> OpenAI `chat.completion.chunk` events, through core's
 * shared chunk writer. Each Gemini event is a whole `GenerateContentResponse` carrying the next
 * piece of text or whole function calls; every event repeats the usage so far, so usage is
 * recorded each time and sent once, last. The finish reason is sent once the upstream ends, since
 * a call to a function only shows as `tool_calls` after all parts are seen.
 */
import type { ProviderCall } from '@ai-gateway/spec';
import { createChatStream, GatewayError, withFields, type SSEEvent } from '@ai-gateway/provider-utils';
import { geminiStreamError } from './errors.js';
import { mapGeminiFinishReason } from './finish-reason.js';
import type { GeminiGenerateContentResponse } from './gemini-types.js';
import { toOpenAIToolCall, toolCallId, toolCallIdPrefix } from './tool-calls.js';
import { mapGeminiUsage } from './usage.js';

/**
 * The `transformStream` of a Gemini chat endpoint (google and vertex-ai alike).
 * An `{"error": ...}` event in the stream ends it with an OpenAI error event; so does an upstream
 * that stops without a finish reason, which would otherwise look like a complete answer.
 */
export function createGeminiChatStream(call: ProviderCall): TransformStream<Uint8Array, Uint8Array> {
  let started = false;
  let toolCallCount = 0;
  let idPrefix: string | undefined;
  let finishReason: string | undefined;
  let blocked = false;

  return createChatStream<SSEEvent>({
    call,
    onEvent(event, writer) {
      if (event.data === '[DONE]') return;
      const response = JSON.parse(event.data) as GeminiGenerateContentResponse;
      const streamError = geminiStreamError(response);
      if (streamError) return writer.error(streamError);

      if (response.responseId) writer.setId(`chatcmpl-${response.responseId}`);
      if (response.modelVersion) writer.setModel(response.modelVersion);
      if (response.usageMetadata) writer.usage(mapGeminiUsage(response.usageMetadata));
      if (response.promptFeedback?.blockReason) blocked = true;
      idPrefix ??= toolCallIdPrefix(response.responseId);

      const candidate = response.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        const role = started ? {} : { role: 'assistant' as const };
        if (part.thought) {
          if (typeof part.text === 'string' && part.text !== '') {
            started = true;
            writer.delta(withFields(role, { reasoning_content: part.text }));
          }
          continue;
        }
        started = true;
        if (part.functionCall) {
          const { id, type, function: fn, extra_content } = toOpenAIToolCall(part, toolCallId(idPrefix, 0, toolCallCount, part.functionCall.id));
          const toolCall = { index: toolCallCount, id, type, function: fn, ...(extra_content ? { extra_content } : {}) };
          toolCallCount += 1;
          writer.delta(withFields(role, { content: null, tool_calls: [toolCall] }));
        } else if (typeof part.text === 'string' && part.text !== '') {
          writer.delta(withFields(role, { content: part.text }));
        }
      }
      if (candidate?.finishReason) finishReason = candidate.finishReason;
    },
    onEnd(writer) {
      if (finishReason === undefined && !blocked) {
        writer.error(new GatewayError('Gemini ended the stream before it finished the answer.', { status: 502, type: 'upstream_error', code: 'stream_incomplete' }));
        return;
      }
      const role = started ? {} : { role: 'assistant' as const };
      writer.delta(role, blocked && finishReason === undefined ? 'content_filter' : mapGeminiFinishReason(finishReason, toolCallCount > 0));
    },
  });
}
