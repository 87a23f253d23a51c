import { joinChunks } from '@ai-gateway/provider-utils';

/**
 * Reads a stream to its end, or stops as soon as it passes `limit` bytes: then the stream is
 * cancelled (the rest is never read) and the answer is undefined. Request bodies and upstream
 * answers of unknown length are read this way, so their size never decides the gateway's memory.
 */
export async function readWithin(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return joinChunks(chunks, total);
}
