import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { createDirectTransformStream } from './direct-transform.js';

export type SSEEvent = EventSourceMessage;

export interface SSEEventHandlers<Output> {
  /** Called once, as the stream is built, with where the handlers write. */
  start?(output: TransformStreamDefaultController<Output>): void;
  event(event: SSEEvent, output: TransformStreamDefaultController<Output>): void;
  /** The bytes ended; every event has been handed over. */
  end?(output: TransformStreamDefaultController<Output>): void;
}

/**
 * Bytes of a `text/event-stream` in, each event handed to `handlers` as it is parsed, and whatever
 * they write out: one stream, where a parser stream piped into a mapping stream would be two (on
 * Node each stream a chunk passes through costs more than most transforms do), and one a runtime
 * can run without Web streams at all (`directTransformOf`). Comments (`: ping`) and keep-alives are
 * dropped by the parser, so handlers never see them.
 */
export function createSSEEventStream<Output>(handlers: SSEEventHandlers<Output>): TransformStream<Uint8Array, Output> {
  const decoder = new TextDecoder();
  let parser: ReturnType<typeof createParser>;
  return createDirectTransformStream<Output>({
    start(output) {
      parser = createParser({ onEvent: (event) => handlers.event(event, output) });
      handlers.start?.(output);
    },
    transform(chunk) {
      parser.feed(decoder.decode(chunk, { stream: true }));
    },
    flush(output) {
      parser.feed(decoder.decode());
      // A last event without its blank line still counts: feed the terminator.
      parser.feed('\n\n');
      handlers.end?.(output);
    },
  });
}

/** Bytes of a `text/event-stream` in, parsed events out. */
export function createSSEParserStream(): TransformStream<Uint8Array, SSEEvent> {
  return createSSEEventStream<SSEEvent>({ event: (event, output) => output.enqueue(event) });
}
