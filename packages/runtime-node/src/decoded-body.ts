/**
 * Undoes the content encoding the gateway asked for with accept-encoding (gzip, deflate, br), as
 * fetch did.
 *
 * zlib's decoders keep to the reader's pace: one that is not read stops at 16 KiB of output,
 * even inside a single compressed chunk, so a streamed answer cannot inflate ahead of the client.
 * An answer read whole is bounded by its reader (see `maxBufferedAnswerBytes`).
 */
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * The body decoded per its content-encoding (unknown or absent encodings pass as they are). An
 * upstream failure fails the decoded stream; a decoded stream closed early (the client went away,
 * or the answer passed a size limit) closes the upstream connection.
 */
export function decoded(body: Readable, contentEncoding: string | null): Readable {
  const encoding = contentEncoding?.trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) return body;
  // Failures are the decoder's to report (pipeline destroys it with them); nothing to add here.
  return pipeline(body, decoder, () => {});
}
