/**
 * Every step the request took, on one time axis from its arrival to its last byte: retries,
 * fallbacks, skips of an open circuit, the cache lookup. A bar's length is that attempt's latency.
 */
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { formatMs } from '../lib/format.js';

const outcomeWords: Record<string, string> = {
  success: 'answered',
  retry: 'failed, retried',
  fallback: 'failed, fell back',
  circuit_open: 'skipped: circuit open',
  error: 'failed',
};

export function AttemptsTimeline({ record }: { record: RequestRecordV1 }) {
  const total = Math.max(record.latency_ms, 1);
  const cached = record.cache_status !== 'DISABLED';
  if (record.attempts.length === 0 && !cached) return <p>No upstream call (answered by the gateway itself).</p>;
  return (
    <ol class="timeline">
      {cached && (
        <li class={`attempt ${record.cache_status === 'HIT' ? 'success' : 'neutral'}`}>
          <span class="attempt-label">cache: {record.cache_status}</span>
        </li>
      )}
      {record.attempts.map((attempt, index) => {
        const offset = Math.min(100, Math.max(0, ((attempt.started_at - record.started_at) / total) * 100));
        const width = Math.max(0.5, Math.min(100 - offset, (attempt.latency_ms / total) * 100));
        return (
          <li key={`${attempt.target}-${index}`} class={`attempt ${attempt.outcome}`}>
            <span class="attempt-label">
              {index + 1}. {attempt.provider} {attempt.model ?? ''} <small>({attempt.target})</small> — {outcomeWords[attempt.outcome] ?? attempt.outcome}
              {attempt.status ? `, ${attempt.status}` : ''}, {formatMs(attempt.latency_ms)}
            </span>
            <span class="bar" aria-hidden="true">
              <span style={{ marginLeft: `${offset}%`, width: `${width}%` }} />
            </span>
            {attempt.error && <span class="attempt-error">{attempt.error}</span>}
          </li>
        );
      })}
    </ol>
  );
}
