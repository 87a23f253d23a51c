/**
 * Keeping a copy of an answer's body for the cache without holding the client up, and without
 * holding more than the cache would keep.
 */
import { joinChunks } from '@ai-gateway/provider-utils';

function replayThenRest(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = chunks.shift();
      if (chunk) return controller.enqueue(chunk);
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * Reads a body whole when it has at most `limit` bytes. A longer body is not read further: the
 * stream given back replays what was read, then the rest, so the client still gets all of it.
 * A body that fails while being read rejects, as reading the answer would for the client.
 */
export async function readUpTo(body: ReadableStream<Uint8Array>, limit: number): Promise<{ bytes: Uint8Array } | { stream: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: joinChunks(chunks, size) };
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) return { stream: replayThenRest(chunks, reader) };
  }
}

export interface RecordedStream {
  /** The body to send on: the same chunks, as they come. */
  stream: ReadableStream<Uint8Array>;
  /** The whole body once the stream has ended; undefined if it failed, was cancelled or outgrew `limit`. Never rejects. */
  finished: Promise<Uint8Array | undefined>;
}

/** Passes `body` through chunk by chunk while keeping a copy of it, up to `limit` bytes. */
export function recordStream(body: ReadableStream<Uint8Array>, limit: number): RecordedStream {
  const reader = body.getReader();
  let chunks: Uint8Array[] | undefined = [];
  let size = 0;
  let settle!: (bytes: Uint8Array | undefined) => void;
  const finished = new Promise<Uint8Array | undefined>((resolve) => (settle = resolve));

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        settle(undefined);
        controller.error(error);
        return;
      }
      if (result.done) {
        settle(chunks && joinChunks(chunks, size));
        chunks = undefined;
        controller.close();
        return;
      }
      if (chunks) {
        size += result.value.byteLength;
        // Too long to cache: stop keeping a copy, pass the rest through.
        if (size > limit) chunks = undefined;
        else chunks.push(result.value);
      }
      controller.enqueue(result.value);
    },
    cancel(reason) {
      settle(undefined);
      chunks = undefined;
      return reader.cancel(reason);
    },
  });
  return { stream, finished };
}
