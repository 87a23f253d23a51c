import { describe, expect, it } from 'vitest';
import { decodeCachedAnswer, encodeCachedAnswer } from './cached-answer-codec.js';

describe('cached answer codec', () => {
  it('round-trips status, content type and body bytes', () => {
    const body = new TextEncoder().encode('data: {"a":1}\n\ndata: [DONE]\n\n');
    const decoded = decodeCachedAnswer(encodeCachedAnswer({ status: 200, contentType: 'text/event-stream; charset=utf-8', body }));
    expect(decoded?.status).toBe(200);
    expect(decoded?.contentType).toBe('text/event-stream; charset=utf-8');
    expect(Array.from(decoded!.body)).toEqual(Array.from(body));
  });

  it('reads anything else as no answer', () => {
    const encoder = new TextEncoder();
    expect(decodeCachedAnswer(encoder.encode('plain value'))).toBeUndefined();
    expect(decodeCachedAnswer(encoder.encode('{"v":99,"status":200,"contentType":"x"}\n{}'))).toBeUndefined();
    expect(decodeCachedAnswer(encoder.encode('not json\n{}'))).toBeUndefined();
  });
});
