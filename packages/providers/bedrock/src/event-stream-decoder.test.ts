import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { createEventStreamDecoder, type EventStreamMessage } from './event-stream-decoder.js';
import { encodeFrame } from './test/event-stream-encoder.js';

async function decode(chunks: Uint8Array[]): Promise<EventStreamMessage[]> {
  const messages: EventStreamMessage[] = [];
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const reader = source.pipeThrough(createEventStreamDecoder()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return messages;
    messages.push(value);
  }
}

const frames = [
  encodeFrame({ ':message-type': 'event', ':event-type': 'messageStart' }, '{"role":"assistant"}'),
  encodeFrame({ ':message-type': 'event', ':event-type': 'contentBlockDelta' }, JSON.stringify({ delta: { text: 'héllo ✓' } })),
  encodeFrame({ ':message-type': 'exception', ':exception-type': 'throttlingException' }, '{"message":"slow down"}'),
];
const all = Buffer.concat(frames);

describe('createEventStreamDecoder', () => {
  it('computes the same CRC-32 as zlib', () => {
    for (const sample of ['', 'a', 'The quick brown fox', '\u00ff'.repeat(1000)]) {
      const bytes = Buffer.from(sample, 'utf8');
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });

  it('decodes several frames arriving in one chunk', async () => {
    const messages = await decode([all]);
    expect(messages.map((message) => message.headers[':event-type'] ?? message.headers[':exception-type'])).toEqual(['messageStart', 'contentBlockDelta', 'throttlingException']);
    expect(JSON.parse(new TextDecoder().decode(messages[1].payload))).toEqual({ delta: { text: 'héllo ✓' } });
  });

  it('decodes frames split at every possible byte, including inside the prelude', async () => {
    const oneByteChunks = [...all].map((byte) => Uint8Array.of(byte));
    expect(await decode(oneByteChunks)).toEqual(await decode([all]));
    for (const cut of [1, 5, 11, 12, 13, frames[0].length - 1, frames[0].length + 3]) {
      expect(await decode([all.subarray(0, cut), all.subarray(cut)])).toHaveLength(3);
    }
  });

  it('refuses a frame whose checksum does not match', async () => {
    const damaged = Buffer.from(frames[1]);
    damaged[damaged.length - 6] ^= 0xff; // a payload byte
    await expect(decode([damaged])).rejects.toThrow(/message checksum mismatch/);
    const badPrelude = Buffer.from(frames[1]);
    badPrelude[9] ^= 0xff;
    await expect(decode([badPrelude])).rejects.toThrow(/prelude checksum mismatch/);
  });

  it('refuses a stream that ends inside a frame', async () => {
    await expect(decode([all.subarray(0, all.length - 3)])).rejects.toThrow(/ended inside a message/);
  });
});
