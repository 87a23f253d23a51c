/**
 * One cached answer as one byte string, for stores that keep bytes (Redis, Workers KV): a short
 * JSON head line, then the body as it is. One read per hit, and decoding never copies the body.
 */
import type { CachedAnswer } from '@ai-gateway/spec';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Bumped when the layout changes, so that entries of an older layout read as misses. */
const formatVersion = 1;
const newline = 0x0a;
/** A head is a few dozen bytes; anything longer is not one of ours. */
const longestHead = 1024;

/** `{"v":1,"status":200,"contentType":"application/json"}\n` followed by the body. */
export function encodeCachedAnswer(answer: CachedAnswer): Uint8Array {
  // JSON.stringify escapes newlines, so the first newline always ends the head.
  const head = encoder.encode(`${JSON.stringify({ v: formatVersion, status: answer.status, contentType: answer.contentType })}\n`);
  const bytes = new Uint8Array(head.byteLength + answer.body.byteLength);
  bytes.set(head);
  bytes.set(answer.body, head.byteLength);
  return bytes;
}

/** The answer held in `bytes` (its body a view into them), or undefined when they hold none. */
export function decodeCachedAnswer(bytes: Uint8Array): CachedAnswer | undefined {
  const headEnd = bytes.subarray(0, longestHead).indexOf(newline);
  if (headEnd === -1) return undefined;
  let head: { v?: unknown; status?: unknown; contentType?: unknown };
  try {
    head = JSON.parse(decoder.decode(bytes.subarray(0, headEnd)));
  } catch {
    return undefined;
  }
  if (head?.v !== formatVersion || typeof head.status !== 'number' || typeof head.contentType !== 'string') return undefined;
  return { status: head.status, contentType: head.contentType, body: bytes.subarray(headEnd + 1) };
}
