/**
 * What every client format's stream translation shares: OpenAI `chat.completion.chunk` events
 * handed over one chunk at a time, and the two ways such a stream breaks told apart from its end.
 * The chunks come as objects from a provider's stream transform (`ProviderCall.chatChunks`), or as
 * bytes that `chatChunkStream` parses. The format writes its own events to the output it is given.
 */
import type { ChatChunkSinkV1, JsonObject } from '@ai-gateway/spec';
import { createSSEEventStream } from '@ai-gateway/provider-utils';

/**
 * Where a format writes its events. What it writes while one chunk (or the end) is handled leaves
 * as one piece: a piece is a write to the client's socket, which costs more than copying a few
 * events into one, and the events of one chunk are ready at the same moment anyway.
 */
export interface EventOutput {
  write(event: string): void;
  writeBytes(event: Uint8Array): void;
}

export interface ChatChunkHandlers {
  /** Called once, before any chunk, with where the format writes its events. */
  start(output: EventOutput): void;
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

const encoder = new TextEncoder();

/** A format's handlers as a sink: nothing reaches them after their end, and an end without a finish reason is a break. */
export function chatChunkSink(handlers: ChatChunkHandlers): ChatChunkSinkV1 {
  let controller!: TransformStreamDefaultController<Uint8Array>;
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    const events = pending;
    pending = '';
    controller.enqueue(encoder.encode(events));
  };
  const output: EventOutput = {
    write(event) {
      pending += event;
    },
    writeBytes(event) {
      flush();
      controller.enqueue(event);
    },
  };
  return {
    start(streamController) {
      controller = streamController;
      handlers.start(output);
    },
    chunk(chunk: JsonObject) {
      if (handlers.isEnded()) return;
      try {
        handlers.chunk(chunk);
      } finally {
        flush();
      }
    },
    done() {
      if (handlers.isEnded()) return;
      handlers.finish();
      flush();
    },
    broken(message) {
      if (handlers.isEnded()) return;
      handlers.broken(message);
      flush();
    },
    end() {
      if (handlers.isEnded()) return;
      if (handlers.hasFinishReason()) handlers.finish();
      else handlers.broken('The upstream ended the stream before the answer was complete.');
      flush();
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
