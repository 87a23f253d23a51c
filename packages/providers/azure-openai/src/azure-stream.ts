/**
 * Azure's chat streams are OpenAI's, except for one chunk: before the first token Azure sends its
 * prompt content-filter verdict as `{"choices":[],"object":"","id":"",...,"prompt_filter_results":[...]}`.
 * Strict clients reject a chunk whose `object` is not `chat.completion.chunk`, so that one chunk is
 * relabelled (its filter results kept). Every other event's data goes out byte for byte: only the
 * SSE framing is rewritten, no JSON is re-serialised.
 */
import { createSSEEventStream, encodeSSEData, withFields } from '@ai-gateway/provider-utils';

/** True for Azure's filter-only chunk; cheap string checks first, so other events are never parsed. */
function isPromptFilterChunk(data: string): boolean {
  return data.includes('"prompt_filter_results"') && !data.includes('"object":"chat.completion.chunk"');
}

function relabel(data: string): string {
  try {
    const chunk = JSON.parse(data) as Record<string, unknown>;
    return JSON.stringify(withFields(chunk, { object: 'chat.completion.chunk' }));
  } catch {
    return data;
  }
}

/** Azure chat stream in, OpenAI chat stream out. */
export function createAzureChatStream(): TransformStream<Uint8Array, Uint8Array> {
  return createSSEEventStream<Uint8Array>({
    event(event, output) {
      output.enqueue(encodeSSEData(isPromptFilterChunk(event.data) ? relabel(event.data) : event.data));
    },
  });
}
