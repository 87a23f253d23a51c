/**
 * One request in full: what it asked and answered, every attempt on a timeline, guardrail verdicts,
 * tokens and cost, its headers (credentials were never stored) and a curl that sends it again.
 * A side panel on a wide screen, the whole screen on a phone; Escape or "Close" returns to the list.
 */
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchRecord } from '../lib/api.js';
import { replayCurl } from '../lib/curl.js';
import { formatCost, formatCount, formatMs, formatTime, isFailure } from '../lib/format.js';
import { AttemptsTimeline } from './attempts-timeline.js';
import { BodyView } from './body-view.js';
import { CopyButton } from './copy-button.js';
import { GuardrailVerdicts } from './guardrail-verdicts.js';

function Facts({ record }: { record: RequestRecordV1 }) {
  const facts: [string, string][] = [
    ['Status', `${record.status}${record.error ? ` — ${record.error.message}` : ''}`],
    ['Time', formatTime(record.started_at)],
    ['Endpoint', `${record.method} ${record.path} (${record.format}${record.stream ? ', streamed' : ''})`],
    ['Provider', record.provider ?? '–'],
    ['Model', record.response_model && record.response_model !== record.model ? `${record.model ?? '–'} → ${record.response_model}` : (record.model ?? '–')],
    ['Latency', formatMs(record.latency_ms)],
    ['Time to first byte', formatMs(record.ttfb_ms)],
    ['Tokens in', formatCount(record.tokens.input) + (record.tokens.cached ? ` (${formatCount(record.tokens.cached)} cached)` : '')],
    ['Tokens out', formatCount(record.tokens.output) + (record.tokens.reasoning ? ` (${formatCount(record.tokens.reasoning)} reasoning)` : '')],
    ['Cost', record.cost === null ? 'unknown (no price for this model)' : formatCost(record.cost)],
    ['Cache', record.cache_status],
    ['Config path', record.config_path ?? '–'],
    ['Gateway key', record.key_id ?? '–'],
    ['Trace id', record.trace_id],
  ];
  for (const [name, value] of Object.entries(record.metadata)) facts.push([`Metadata ${name}`, value]);
  return (
    <dl class="facts">
      {facts.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Headers({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p>None kept.</p>;
  return (
    <table class="headers">
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecordDetail({ traceId, onClose }: { traceId: string; onClose: () => void }) {
  const [record, setRecord] = useState<RequestRecordV1 | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setRecord(null);
    setError(null);
    fetchRecord(traceId, abort.signal)
      .then(setRecord)
      .catch((failure) => abort.signal.aborted || setError(failure.message));
    return () => abort.abort();
  }, [traceId]);

  useEffect(() => {
    heading.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [traceId]);

  return (
    <div class="detail" role="dialog" aria-modal="false" aria-labelledby="detail-heading">
      <div class="detail-head">
        <h2 id="detail-heading" tabIndex={-1} ref={heading}>
          {record ? `${record.status} ${record.provider ?? ''} ${record.model ?? ''}` : 'Request'}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {!record && !error && <p class="notice">Loading…</p>}
      {record && (
        <div class={`detail-body ${isFailure(record) ? 'failed' : ''}`}>
          <Facts record={record} />
          <section aria-labelledby="attempts-heading">
            <h3 id="attempts-heading">Attempts</h3>
            <AttemptsTimeline record={record} />
          </section>
          {record.guardrails != null && (
            <section aria-labelledby="guardrails-heading">
              <h3 id="guardrails-heading">Guardrails</h3>
              <GuardrailVerdicts results={record.guardrails} />
            </section>
          )}
          <section aria-labelledby="request-heading">
            <h3 id="request-heading">Request</h3>
            <BodyView body={record.request} />
          </section>
          <section aria-labelledby="response-heading">
            <h3 id="response-heading">Response</h3>
            <BodyView body={record.response} stream={record.stream} />
          </section>
          <section aria-labelledby="headers-heading">
            <h3 id="headers-heading">Request headers</h3>
            <Headers headers={record.request_headers} />
          </section>
          <section aria-labelledby="curl-heading">
            <h3 id="curl-heading">Send it again</h3>
            <p>The key was not kept: set PROVIDER_API_KEY (or a gateway key) first.</p>
            <pre class="code">{replayCurl(record)}</pre>
            <CopyButton text={replayCurl(record)} label="Copy the curl" />
          </section>
        </div>
      )}
    </div>
  );
}
