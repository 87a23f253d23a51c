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
