/**
 * The stream-load client times only whole, well-formed streams: a stream that loses a piece, ends
 * early or answers an error counts as failed, never as a fast stream.
 */
import { describe, expect, it } from 'vitest';
import { expectedStreamText, stampedPiece } from '../src/canned-responses.mjs';
import { streamFault } from '../src/stream-load.mjs';

const chatChunk = (content) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;
const chatStream = (pieces) => `${pieces.map(chatChunk).join('')}data: [DONE]\n\n`;
const stamped = (count) => Array.from({ length: count }, (_, index) => stampedPiece(index, 1_700_000_000_000_000 + index));

describe('streamFault', () => {
  const expectedText = expectedStreamText(3);

  it('accepts a whole stream whose every piece arrived', () => {
    expect(streamFault({ status: 200, firstByteMs: 1, pieceDelaysMs: [0.1, 0.2, 0.3], body: chatStream(stamped(3)) }, 'chat', expectedText)).toBeNull();
  });

  it('refuses a stream that lost a piece, one cut before its end, and an error', () => {
    expect(streamFault({ status: 200, firstByteMs: 1, pieceDelaysMs: [0.1, -1, 0.3], body: chatStream([stamped(3)[0], stamped(3)[2]]) }, 'chat', expectedText)).toMatch(/every piece/);
    expect(streamFault({ status: 200, firstByteMs: 1, pieceDelaysMs: [0.1, 0.2, 0.3], body: stamped(3).map(chatChunk).join('') }, 'chat', expectedText)).toMatch(/complete stream/);
    expect(streamFault({ status: 502, firstByteMs: 1, pieceDelaysMs: [], body: '{"error":{}}' }, 'chat', expectedText)).toMatch(/answered 502/);
  });
});
