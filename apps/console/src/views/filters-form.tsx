/**
 * The filters above the request list. They are applied from the URL (the logs API's query names),
 * so the form only reads the URL's values and writes new ones; `status` applies as soon as it
 * changes, the text fields on Enter or "Apply".
 */
import { fromInputTime, toInputTime } from '../lib/filters.js';
import type { Navigate } from './app.js';

const statusChoices: [string, string][] = [
  ['', 'Any status'],
  ['ok', 'OK'],
  ['error', 'Errors'],
  ...['400', '401', '403', '404', '429', '446', '499', '500', '502', '503', '504'].map((code): [string, string] => [code, code]),
];

function metadataText(filters: URLSearchParams): string {
  return [...filters]
    .filter(([name]) => name.startsWith('metadata.'))
    .map(([name, value]) => `${name.slice('metadata.'.length)}=${value}`)
    .join(', ');
}

function formFilters(form: HTMLFormElement): URLSearchParams {
  const data = new FormData(form);
  const filters = new URLSearchParams();
  for (const name of ['status', 'provider', 'model', 'key_id', 'trace_id', 'q']) {
    const value = String(data.get(name) ?? '').trim();
    if (value) filters.set(name, value);
  }
  for (const name of ['from', 'to']) {
    const value = fromInputTime(String(data.get(name) ?? ''));
    if (value) filters.set(name, value);
  }
  for (const pair of String(data.get('metadata') ?? '').split(',')) {
    const [key, ...rest] = pair.split('=');
    if (key.trim() && rest.length > 0) filters.append(`metadata.${key.trim()}`, rest.join('=').trim());
  }
  return filters;
}

export function FiltersForm({ filters, navigate }: { filters: URLSearchParams; navigate: Navigate }) {
  const apply = (form: HTMLFormElement) => navigate({ filters: formFilters(form), open: null });
  const status = filters.get('status') ?? '';
  const choices = statusChoices.some(([value]) => value === status) ? statusChoices : [...statusChoices, [status, status] as [string, string]];
  // The key makes the form start again from the URL's values when they change (back button, a link).
  return (
    <form
      key={filters.toString()}
      class="filters"
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
    >
      <label>
        Status
        <select name="status" value={status} onChange={(event) => apply(event.currentTarget.form!)}>
          {choices.map(([value, label]) => (
            <option value={value} key={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Provider
        <input name="provider" defaultValue={filters.get('provider') ?? ''} placeholder="openai" />
      </label>
      <label>
        Model
        <input name="model" defaultValue={filters.get('model') ?? ''} placeholder="gpt-4o-mini" />
      </label>
      <label>
        Gateway key
        <input name="key_id" defaultValue={filters.get('key_id') ?? ''} />
      </label>
      <label>
        Metadata
        <input name="metadata" defaultValue={metadataText(filters)} placeholder="team=search" />
      </label>
      <label>
        Trace id
        <input name="trace_id" defaultValue={filters.get('trace_id') ?? ''} />
      </label>
      <label>
        From
        <input type="datetime-local" name="from" defaultValue={toInputTime(filters.get('from'))} />
      </label>
      <label>
        To
        <input type="datetime-local" name="to" defaultValue={toInputTime(filters.get('to'))} />
      </label>
      <label class="wide">
        Search
        <input type="search" name="q" defaultValue={filters.get('q') ?? ''} placeholder="text in the path, models, error or metadata" />
      </label>
      <div class="filter-actions">
        <button type="submit">Apply</button>
        {filters.toString() !== '' && (
          <button type="button" class="quiet" onClick={() => navigate({ filters: new URLSearchParams(), open: null })}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
