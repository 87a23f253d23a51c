/**
 * Cohere's v2 chat stream as OpenAI `chat.completion.chunk` events, through core's chunk writer.
 * Events: https://docs.cohere.com/docs/streaming (message-start, content-start, content-delta,
 * tool-plan-delta, tool-call-start, tool-call-delta, tool-call-end, content-end, message-end).
 */
import type { ProviderCall } from '@ai-gateway/spec';
import { createChatStream, type SSEEvent } from '@ai-gateway/provider-utils';
import type { CohereStreamEvent } from './cohere-types.js';
import { mapCohereFinishReason } from './finish-reason.js';
import { generationFailed } from './upstream-failure.js';
import { toOpenAIUsage } from './usage.js';

export function createCohereChatStream(call: ProviderCall): TransformStream<Uint8Array, Uint8Array> {
  // OpenAI numbers tool calls 0, 1, ... by their order; Cohere's `index` may count content blocks too.
  const toolIndexes = new Map<number, number>();
  let currentToolIndex = -1;
  let ended = false;

  return createChatStream<SSEEvent>({
    call,
    onEvent(sseEvent, writer) {
      if (sseEvent.data === '[DONE]') return;
      const event = JSON.parse(sseEvent.data) as CohereStreamEvent;
      const message = event.delta?.message;
      switch (event.type) {
        case 'message-start':
          if (event.id) writer.setId(event.id);
          writer.delta({ role: 'assistant', content: '' });
          return;
        case 'content-start':
        case 'content-delta': {
          const content = message?.content;
          if (content?.text) writer.delta({ content: content.text });
          else if (content?.thinking) writer.delta({ reasoning_content: content.thinking });
          return;
        }
        case 'tool-plan-delta':
          if (message?.tool_plan) writer.delta({ content: message.tool_plan });
          return;
        case 'tool-call-start': {
          const toolCall = message?.tool_calls;
          currentToolIndex = toolIndexes.size;
          toolIndexes.set(event.index ?? currentToolIndex, currentToolIndex);
          writer.delta({
            tool_calls: [{ index: currentToolIndex, id: toolCall?.id, type: 'function', function: { name: toolCall?.function?.name ?? '', arguments: toolCall?.function?.arguments ?? '' } }],
          });
          return;
        }
        case 'tool-call-delta': {
          const argumentsDelta = message?.tool_calls?.function?.arguments;
          const index = toolIndexes.get(event.index ?? -1) ?? currentToolIndex;
          if (argumentsDelta) writer.delta({ tool_calls: [{ index, function: { arguments: argumentsDelta } }] });
          return;
        }
        case 'message-end': {
          ended = true;
          const finishReason = mapCohereFinishReason(event.delta?.finish_reason);
          if (finishReason === null) return writer.error(generationFailed(event.delta?.error));
          if (event.delta?.usage) writer.usage(toOpenAIUsage(event.delta.usage));
          writer.delta({}, finishReason);
          return;
        }
        default:
          // An error event has no documented type; anything that carries only a message is one.
          if (!event.type || event.type === 'error') {
            ended = true;
            writer.error(generationFailed(event.message ?? event.delta?.error));
          }
        // content-end, tool-call-end, citation-start/-end, debug: nothing for an OpenAI client.
      }
    },
    onEnd(writer) {
      // A stream that closes without message-end was cut: say so rather than end with [DONE].
      if (!ended) writer.error(generationFailed('cohere ended the stream before the message was complete.'));
    },
  });
}
