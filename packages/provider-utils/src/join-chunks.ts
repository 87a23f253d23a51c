/**
 * The chunks of a body read piece by piece, as one exact-size array of their own. A lone chunk that
 * owns its whole buffer is returned as it is; one that is a view into a larger buffer (a pooled
 * read) is copied, so keeping the result never keeps the larger buffer alive.
 */
export function joinChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].byteLength === chunks[0].buffer.byteLength) return chunks[0];
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
