/**
 * The filters live in the page's URL under the logs API's own query names (`?status=error&model=x`),
 * so a view can be shared and the same query string goes to the API. The console adds two names of
 * its own: `open` (the record shown in detail) and `view` (`charts`), plus `range` for the charts.
 */
export const filterNames = ['status', 'provider', 'model', 'key_id', 'trace_id', 'q', 'from', 'to'] as const;
export type FilterName = (typeof filterNames)[number];

export interface ConsoleState {
  filters: URLSearchParams;
  open: string | null;
  view: 'requests' | 'charts';
  range: string;
}

export const chartRanges: Record<string, { label: string; ms: number }> = {
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '6h': { label: 'Last 6 hours', ms: 6 * 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 24 * 3_600_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
};

export function isFilterName(name: string): boolean {
  return (filterNames as readonly string[]).includes(name) || name.startsWith('metadata.');
}

export function readState(search: string): ConsoleState {
  const params = new URLSearchParams(search);
  const filters = new URLSearchParams();
  for (const [name, value] of params) if (isFilterName(name) && value !== '') filters.append(name, value);
  const range = params.get('range') ?? '1h';
  return {
    filters,
    open: params.get('open'),
    view: params.get('view') === 'charts' ? 'charts' : 'requests',
    range: range in chartRanges ? range : '1h',
  };
}

export function writeState(state: ConsoleState): string {
  const params = new URLSearchParams(state.filters);
  if (state.view === 'charts') params.set('view', 'charts');
  if (state.range !== '1h') params.set('range', state.range);
  if (state.open) params.set('open', state.open);
  const text = params.toString();
  return text ? `?${text}` : location.pathname;
}

/** `datetime-local` inputs speak local time without a zone; the API takes milliseconds. */
export function toInputTime(value: string | null): string {
  if (!value) return '';
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(time)) return '';
  const local = new Date(time - new Date(time).getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromInputTime(value: string): string {
  if (!value) return '';
  const time = new Date(value).getTime();
  return Number.isFinite(time) ? String(time) : '';
}
