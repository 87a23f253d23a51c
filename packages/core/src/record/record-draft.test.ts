import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordDraft } from './record-draft.js';

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function openDraft(): RecordDraft {
  return new RecordDraft({ submit() {} }, 'POST', '/v1/chat/completions', 'chatComplete', 'openai', new Headers(), 4096, undefined);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a request draft', () => {
  it("times its upstream calls on the request's own clock, so they lie within the request when the wall clock is stepped", async () => {
    const draft = openDraft();
    // The wall clock goes back five seconds (an NTP step) just after the request arrived.
    vi.spyOn(Date, 'now').mockReturnValue(draft.startedAt - 5_000);
    await pause(20);
    const attempt = draft.beginAttempt('config', { provider: 'openai', settings: {} }, 'gpt-4o');
    await pause(20);
    draft.endAttempt(attempt);
    draft.answer(200, 'application/json', '{}');

    expect(attempt.started_at).toBeGreaterThanOrEqual(draft.startedAt + 15);
    expect(attempt.latency_ms).toBeGreaterThanOrEqual(15);
    expect(attempt.started_at + attempt.latency_ms).toBeLessThanOrEqual(draft.startedAt + draft.latencyMs);
  });

  it('ends a call no later than the answer that follows it at once', () => {
    const draft = openDraft();
    const attempt = draft.beginAttempt('config', { provider: 'openai', settings: {} }, 'gpt-4o');
    draft.endAttempt(attempt);
    draft.answer(200, 'application/json', '{}');
    expect(attempt.started_at).toBeGreaterThanOrEqual(draft.startedAt);
    expect(attempt.started_at + attempt.latency_ms).toBeLessThanOrEqual(draft.startedAt + draft.latencyMs);
  });
});

describe("a request draft's stream capture", () => {
  const encoder = new TextEncoder();
  const joinedText = (chunks: Uint8Array[]) => new TextDecoder().decode(Uint8Array.from(chunks.flatMap((chunk) => [...chunk])));

  it('keeps the head byte for byte, small events and large chunks in their order, without the chunks it was given', () => {
    const draft = openDraft();
    draft.streamStarted(true);
    const given: Uint8Array[] = [];
    let expected = '';
    for (let index = 0; index < 40; index += 1) {
      const text = index === 20 ? `data: ${'x'.repeat(1500)}\n\n` : `data: {"piece":${index}}\n\n`;
      const chunk = encoder.encode(text);
      given.push(chunk);
      draft.chunk(chunk);
      if (draft.streamBytes - chunk.byteLength < 4096) expected += text;
    }
    const head = draft.head!;
    expect(joinedText(head)).toBe(expected);
    // The draft holds copies: what the stream passes on may be reused or freed.
    for (const chunk of given) chunk.fill(0);
    expect(joinedText(draft.head!)).toBe(expected);
    // Fewer pieces than chunks: the small ones share blocks.
    expect(head.length).toBeLessThan(10);
    expect(head.every((piece) => !given.some((chunk) => chunk.buffer === piece.buffer))).toBe(true);
  });
});
