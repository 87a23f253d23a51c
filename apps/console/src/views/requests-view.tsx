/** The request list with its filters, live tail controls and empty and error states. */
import { firstRequestCurl } from '../lib/curl.js';
import type { Navigate } from './app.js';
import { CopyButton } from './copy-button.js';
import { FiltersForm } from './filters-form.js';
import { RequestTable } from './request-table.js';
import { useLiveLog } from './use-live-log.js';

function EmptyState() {
  const curl = firstRequestCurl();
  return (
    <section class="notice" aria-labelledby="empty-heading">
      <h2 id="empty-heading">No requests yet</h2>
      <p>Send one through the gateway and it appears here at once:</p>
      <pre class="code">{curl}</pre>
      <CopyButton text={curl} label="Copy the curl" />
    </section>
  );
}

function ErrorState({ message, status }: { message: string; status: number }) {
  const hint =
    status === 404
      ? 'Start the gateway with its request log on (unset AI_GATEWAY_REQUEST_LOG, or set it to on).'
      : status === 0
        ? 'Start the gateway again (npm start); this page retries when you reload it.'
        : 'Reload the page; if this stays, the gateway’s output says more.';
  return (
    <section class="notice error" role="alert">
      <h2>The request log could not be read</h2>
      <p>{message}</p>
      <p>{hint}</p>
    </section>
  );
}

export function RequestsView({ filters, navigate }: { filters: URLSearchParams; navigate: Navigate }) {
  const log = useLiveLog(filters);
  const filtered = filters.toString() !== '';
  return (
    <>
      <FiltersForm filters={filters} navigate={navigate} />
      <div class="live-bar">
        <span class={`live ${log.connected && !log.paused ? 'on' : 'off'}`} role="status">
          {log.paused ? 'Paused' : log.connected ? 'Live' : 'Connecting…'}
        </span>
        <button type="button" aria-pressed={log.paused} onClick={() => log.setPaused(!log.paused)}>
          {log.paused ? 'Resume' : 'Pause'}
        </button>
        {log.pending.length > 0 && (
          <button type="button" class="pending" onClick={log.showPending}>
            Show {log.pending.length} new {log.pending.length === 1 ? 'request' : 'requests'}
          </button>
        )}
      </div>
      {log.error && <ErrorState message={log.error} status={log.errorStatus} />}
      {!log.error && !log.loading && log.records.length === 0 && log.pending.length === 0 && (filtered ? <p class="notice">No requests match these filters.</p> : <EmptyState />)}
      {log.records.length > 0 && <RequestTable records={log.records} filters={filters} navigate={navigate} />}
      {log.nextCursor && (
        <button type="button" class="more" disabled={log.loading} onClick={log.loadMore}>
          Older requests
        </button>
      )}
    </>
  );
}
