/**
 * What every client format's stream translation shares: OpenAI `chat.completion.chunk` events
 * (bytes) parsed, handed over one chunk at a time, and the two ways such a stream breaks told
 * apart from its end. The format writes its own events to the output it is given.
 */
import { createSSEParserStream, type SSEEvent } from '@ai-gateway/provider-utils';

export interface ChatChunkHandlers {
  /** Called once, before any chunk, with where the format writes its events. */
  start(output: TransformStreamDefaultController<Uint8Array>): void;
  chunk(chunk: unknown): void;
  /** `[DONE]`, or the end of a stream that had a finish reason. */
  finish(): void;
  /** The stream broke: an event that is not JSON, or an end before any finish reason. */
  broken(message: string): void;
  /** True once the format's stream has ended (finished or failed): later events are ignored. */
  isEnded(): boolean;
  /** True once a finish reason arrived: some OpenAI-compatible servers end without `[DONE]`. */
  hasFinishReason(): boolean;
}

export function chatChunkStream(handlers: ChatChunkHandlers): TransformStream<Uint8Array, Uint8Array> {
  const mapper = new TransformStream<SSEEvent, Uint8Array>({
    start(controller) {
      handlers.start(controller);
    },
    transform(event) {
      if (handlers.isEnded() || !event.data) return;
      if (event.data === '[DONE]') return handlers.finish();
      let chunk: unknown;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        return handlers.broken('The upstream sent an event that is not JSON.');
      }
      handlers.chunk(chunk);
    },
    flush() {
      if (handlers.isEnded()) return;
      if (handlers.hasFinishReason()) return handlers.finish();
      handlers.broken('The upstream ended the stream before the answer was complete.');
    },
  });
  const parser = createSSEParserStream();
  return { writable: parser.writable, readable: parser.readable.pipeThrough(mapper) } as TransformStream<Uint8Array, Uint8Array>;
}
