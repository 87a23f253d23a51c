import { describe, expect, it } from 'vitest';
import { createSSEParserStream, type SSEEvent } from './parse-sse.js';

async function parse(pieces: string[]): Promise<SSEEvent[]> {
  const encoder = new TextEncoder();
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  const events: SSEEvent[] = [];
  for await (const event of source.pipeThrough(createSSEParserStream())) events.push(event);
  return events;
}

describe('createSSEParserStream', () => {
  it('reassembles events split across chunks and drops keep-alive comments', async () => {
    const events = await parse([': ping\n\n', 'event: message_start\nda', 'ta: {"a":1}\n', '\n', 'data: [DONE]\n\n']);
    expect(events.map((event) => [event.event, event.data])).toEqual([['message_start', '{"a":1}'], [undefined, '[DONE]']]);
  });

  it('keeps a last event that lacks its blank line', async () => {
    const events = await parse(['data: {"b":2}\n']);
    expect(events.map((event) => event.data)).toEqual(['{"b":2}']);
  });
});
