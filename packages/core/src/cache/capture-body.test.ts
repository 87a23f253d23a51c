import { describe, expect, it } from 'vitest';
import { joinChunks } from '@ai-gateway/provider-utils';
import { readUpTo, recordStream } from './capture-body.js';

const encoder = new TextEncoder();

function streamOf(pieces: string[], failAtEnd = false): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const piece = pieces.shift();
      if (piece !== undefined) controller.enqueue(encoder.encode(piece));
      else if (failAtEnd) controller.error(new Error('connection reset'));
      else controller.close();
    },
  });
}

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

describe('reading a body for the cache', () => {
  it('reads a body within the limit whole', async () => {
    const read = await readUpTo(streamOf(['{"a":', '1}']), 100);
    expect('bytes' in read && text(read.bytes)).toBe('{"a":1}');
  });

  it('gives a longer body back in full as a stream, without reading all of it first', async () => {
    const read = await readUpTo(streamOf(['aaaa', 'bbbb', 'cccc', 'dddd']), 6);
    expect('stream' in read).toBe(true);
    if ('stream' in read) expect(await new Response(read.stream).text()).toBe('aaaabbbbccccdddd');
  });

  it('copies a chunk that is a view into a larger buffer, so the cache does not keep the rest', () => {
    const pooled = new Uint8Array(8192);
    const view = pooled.subarray(10, 20);
    expect(joinChunks([view], 10).buffer.byteLength).toBe(10);
    const own = new Uint8Array(10);
    expect(joinChunks([own], 10)).toBe(own);
  });
});

describe('recording a stream for the cache', () => {
  it('passes every chunk on and then has the whole body', async () => {
    const recorded = recordStream(streamOf(['data: 1\n\n', 'data: [DONE]\n\n']), 100);
    expect(await new Response(recorded.stream).text()).toBe('data: 1\n\ndata: [DONE]\n\n');
    expect(text(await recorded.finished)).toBe('data: 1\n\ndata: [DONE]\n\n');
  });

  it('has nothing when the stream outgrew the limit, but still passes all of it on', async () => {
    const recorded = recordStream(streamOf(['aaaa', 'bbbb', 'cccc']), 6);
    expect(await new Response(recorded.stream).text()).toBe('aaaabbbbcccc');
    expect(await recorded.finished).toBeUndefined();
  });

  it('has nothing when the stream failed or the client cancelled it', async () => {
    const failed = recordStream(streamOf(['aaaa'], true), 100);
    await expect(new Response(failed.stream).text()).rejects.toThrow();
    expect(await failed.finished).toBeUndefined();

    const cancelled = recordStream(streamOf(['aaaa', 'bbbb']), 100);
    const reader = cancelled.stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(await cancelled.finished).toBeUndefined();
  });
});
