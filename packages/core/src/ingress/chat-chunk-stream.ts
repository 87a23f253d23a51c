/**
 * What every client format's stream translation shares: OpenAI `chat.completion.chunk` events
 * handed over one chunk at a time, and the two ways such a stream breaks told apart from its end.
 * The chunks come as objects from a provider's stream transform (`ProviderCall.chatChunks`), or as
 * bytes that `chatChunkStream` parses. The format writes its own events to the output it is given.
 */
import type { ChatChunkSinkV1, JsonObject } from '@ai-gateway/spec';
import { createSSEEventStream } from '@ai-gateway/provider-utils';

export interface ChatChunkHandlers {
  /** Called once, before any chunk, with where the format writes its events. */
  start(output: TransformStreamDefaultController<Uint8Array>): void;
  chunk(chunk: any): void;
  /** `[DONE]`, or the end of a stream that had a finish reason. */
  finish(): void;
  /** The stream broke: an event that is not JSON, or an end before any finish reason. */
  broken(message: string): void;
  /** True once the format's stream has ended (finished or failed): later events are ignored. */
  isEnded(): boolean;
  /** True once a finish reason arrived: some OpenAI-compatible servers end without `[DONE]`. */
  hasFinishReason(): boolean;
}

/** A format's handlers as a sink: nothing reaches them after their end, and an end without a finish reason is a break. */
export function chatChunkSink(handlers: ChatChunkHandlers): ChatChunkSinkV1 {
  return {
    start: (output) => handlers.start(output),
    chunk(chunk: JsonObject) {
      if (!handlers.isEnded()) handlers.chunk(chunk);
    },
    done() {
      if (!handlers.isEnded()) handlers.finish();
    },
    broken(message) {
      if (!handlers.isEnded()) handlers.broken(message);
    },
    end() {
      if (handlers.isEnded()) return;
      if (handlers.hasFinishReason()) return handlers.finish();
      handlers.broken('The upstream ended the stream before the answer was complete.');
    },
  };
}

/** Chat bytes in, each event parsed and handed to `sink`, the sink's bytes out: one stream. */
export function chatChunkStream(sink: ChatChunkSinkV1): TransformStream<Uint8Array, Uint8Array> {
  return createSSEEventStream<Uint8Array>({
    start: (output) => sink.start(output),
    event({ data }) {
      if (!data) return;
      if (data === '[DONE]') return sink.done();
      let chunk: JsonObject;
      try {
        chunk = JSON.parse(data);
      } catch {
        return sink.broken('The upstream sent an event that is not JSON.');
      }
      sink.chunk(chunk);
    },
    end: () => sink.end(),
  });
}
