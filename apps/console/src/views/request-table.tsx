/**
 * The requests, newest first. Each row's time is a link to the record's detail, so the list works
 * with the keyboard (Tab, Enter) and a row can be opened in a new tab; a click anywhere on the row
 * opens it too. On a narrow screen the rows become cards (app.css).
 */
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { writeState } from '../lib/filters.js';
import { formatCost, formatMs, formatTime, isFailure, tokensText } from '../lib/format.js';
import type { Navigate } from './app.js';

function StatusBadge({ record }: { record: RequestRecordV1 }) {
  const failed = isFailure(record);
  return (
    <span class={`badge ${failed ? 'bad' : 'good'}`} title={record.error?.message}>
      {record.status}
      {record.status < 400 && record.error ? ' cut' : ''}
    </span>
  );
}

function notes(record: RequestRecordV1): string[] {
  const notes: string[] = [];
  if (record.stream) notes.push('stream');
  if (record.attempts.length > 1) notes.push(`${record.attempts.length} attempts`);
  if (record.cache_status === 'HIT') notes.push('cache hit');
  return notes;
}

export function RequestTable({ records, filters, navigate }: { records: RequestRecordV1[]; filters: URLSearchParams; navigate: Navigate }) {
  return (
    <table class="requests">
      <caption class="visually-hidden">Requests, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Status</th>
          <th scope="col">Provider</th>
          <th scope="col">Model</th>
          <th scope="col">Latency</th>
          <th scope="col">Tokens</th>
          <th scope="col">Cost</th>
          <th scope="col">Path</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.trace_id} data-trace-id={record.trace_id} class={isFailure(record) ? 'failed' : undefined} onClick={() => navigate({ open: record.trace_id })}>
            <td data-label="Time">
              <a
                href={writeState({ filters, open: record.trace_id, view: 'requests', range: '1h' })}
                onClick={(event) => {
                  event.preventDefault();
                  event.stopPropagation();
                  navigate({ open: record.trace_id });
                }}
              >
                {formatTime(record.started_at)}
              </a>
            </td>
            <td data-label="Status">
              <StatusBadge record={record} />
              {notes(record).map((note) => (
                <span class="note" key={note}>
                  {note}
                </span>
              ))}
            </td>
            <td data-label="Provider">{record.provider ?? '–'}</td>
            <td data-label="Model">{record.response_model ?? record.model ?? '–'}</td>
            <td data-label="Latency">{formatMs(record.latency_ms)}</td>
            <td data-label="Tokens">{tokensText(record)}</td>
            <td data-label="Cost">{formatCost(record.cost)}</td>
            <td data-label="Path" class="path">
              {record.path}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
