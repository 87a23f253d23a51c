import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type SSEEvent = EventSourceMessage;

/**
 * Bytes of a `text/event-stream` in, parsed events out. Comments (`: ping`) and keep-alives are
 * dropped by the parser, so provider transforms never see them.
 */
export function createSSEParserStream(): TransformStream<Uint8Array, SSEEvent> {
  const decoder = new TextDecoder();
  let parser: ReturnType<typeof createParser>;
  return new TransformStream<Uint8Array, SSEEvent>({
    start(controller) {
      parser = createParser({ onEvent: (event) => controller.enqueue(event) });
    },
    transform(chunk) {
      parser.feed(decoder.decode(chunk, { stream: true }));
    },
    flush() {
      parser.feed(decoder.decode());
      // A last event without its blank line still counts: feed the terminator.
      parser.feed('\n\n');
    },
  });
}
