/** What the metrics read from a record's attempts. */
import type { AttemptRecordV1, RequestRecordV1 } from '@ai-gateway/spec';

/** The convention's `error.type` when no more specific class of error applies. */
export const otherErrorType = '_OTHER';

/** Every attempt made an upstream call, except a target skipped because its circuit was open. */
export function madeUpstreamCall(attempt: AttemptRecordV1): boolean {
  return attempt.outcome !== 'circuit_open';
}

/** The call whose answer went to the client, else the last call made (whose failure became the request's). */
export function answeringAttempt(record: RequestRecordV1): AttemptRecordV1 | undefined {
  let last: AttemptRecordV1 | undefined;
  for (const attempt of record.attempts) {
    if (attempt.outcome === 'success') return attempt;
    if (madeUpstreamCall(attempt)) last = attempt;
  }
  return last;
}

/**
 * `error_type` of a call: empty (no label) when it succeeded; the HTTP status as a string when it
 * failed with an error status (including the gateway's own 408 timeout, 502 refused, 503 circuit
 * open), and `_OTHER` for a failure without one (a stream cut after a 200).
 */
export function attemptErrorType(attempt: AttemptRecordV1): string {
  const isErrorStatus = Number.isInteger(attempt.status) && attempt.status >= 400 && attempt.status <= 599;
  if (attempt.outcome === 'success' && !isErrorStatus) return '';
  return isErrorStatus ? String(attempt.status) : otherErrorType;
}

/** A token count the provider gave: a finite, non-negative number (null and anything else is "not known"). */
export function knownTokenCount(count: number | null): count is number {
  return typeof count === 'number' && Number.isFinite(count) && count >= 0;
}
