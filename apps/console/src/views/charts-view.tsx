/**
 * Charts of a chosen time range from `/public/api/stats`: requests and errors, latency and time to
 * first byte percentiles, tokens and cost, then the same per provider and model as a table. The
 * numbers refresh every 15 seconds while the page is open.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { fetchStats, type StatsAnswer, type StatsGroup } from '../lib/api.js';
import { chartRanges } from '../lib/filters.js';
import { formatCost, formatCount, formatMs } from '../lib/format.js';
import type { Navigate } from './app.js';
import { type ChartSeries, TimeChart } from './time-chart.js';

const refreshMs = 15_000;
const colors = { blue: '#2f6fde', red: '#d33f3f', green: '#2e9e5b', amber: '#c98a0b', violet: '#8257d8' };

/** The API sends only buckets that had requests; a chart needs every bucket of the range. */
function everyBucket(stats: StatsAnswer): { times: number[]; at: (StatsGroup | undefined)[] } {
  const byStart = new Map(stats.buckets.map((bucket) => [bucket.start, bucket]));
  const times: number[] = [];
  const at: (StatsGroup | undefined)[] = [];
  // The API's buckets start at `from`, one `bucket_ms` apart.
  for (let start = stats.from; start < stats.to; start += stats.bucket_ms) {
    times.push(start);
    at.push(byStart.get(start));
  }
  return { times, at };
}

function charts(stats: StatsAnswer) {
  const { times, at } = everyBucket(stats);
  const column = (read: (group: StatsGroup) => number | null, empty: number | null = null) => at.map((group) => (group ? read(group) : empty));
  const line = (label: string, color: string, values: (number | null)[], right = false): ChartSeries => ({ label, color, values, right });
  const { totals } = stats;
  const figures = [
    {
      title: 'Requests and errors',
      summary: `requests: ${formatCount(totals.requests)}, errors: ${formatCount(totals.errors)}`,
      series: [line('Requests', colors.blue, column((group) => group.requests, 0)), line('Errors', colors.red, column((group) => group.errors, 0))],
      format: (value: number) => formatCount(value),
    },
    {
      title: 'Latency',
      summary: `p50 latency: ${formatMs(totals.latency_ms.p50)}, p95 latency: ${formatMs(totals.latency_ms.p95)}, p99 latency: ${formatMs(totals.latency_ms.p99)}`,
      series: [line('p50', colors.green, column((group) => group.latency_ms.p50)), line('p95', colors.amber, column((group) => group.latency_ms.p95)), line('p99', colors.red, column((group) => group.latency_ms.p99))],
      format: formatMs,
    },
    {
      title: 'Time to first token',
      summary: `p50: ${formatMs(totals.ttfb_ms.p50)}, p95: ${formatMs(totals.ttfb_ms.p95)}, p99: ${formatMs(totals.ttfb_ms.p99)}`,
      series: [line('p50', colors.green, column((group) => group.ttfb_ms.p50)), line('p95', colors.amber, column((group) => group.ttfb_ms.p95)), line('p99', colors.red, column((group) => group.ttfb_ms.p99))],
      format: formatMs,
    },
    {
      title: 'Tokens and cost',
      summary: `tokens in: ${formatCount(totals.tokens.input)}, tokens out: ${formatCount(totals.tokens.output)}, cost: ${formatCost(totals.cost)}`,
      series: [
        line('Tokens in', colors.blue, column((group) => group.tokens.input, 0)),
        line('Tokens out', colors.violet, column((group) => group.tokens.output, 0)),
        line('Cost', colors.amber, column((group) => group.cost), true),
      ],
      format: (value: number) => formatCount(value),
      formatRight: formatCost,
    },
  ];
  return figures.map((figure) => ({ ...figure, times }));
}

function ByModel({ stats }: { stats: StatsAnswer }) {
  if (stats.by_model.length === 0) return null;
  return (
    <table class="by-model">
      <caption>Per provider and model</caption>
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">Model</th>
          <th scope="col">Requests</th>
          <th scope="col">Errors</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
          <th scope="col">p99</th>
          <th scope="col">First token p95</th>
          <th scope="col">Tokens in / out</th>
          <th scope="col">Cost</th>
        </tr>
      </thead>
      <tbody>
        {stats.by_model.map((row) => (
          <tr key={`${row.provider}/${row.model}`}>
            <td data-label="Provider">{row.provider ?? '–'}</td>
            <td data-label="Model">{row.model ?? '–'}</td>
            <td data-label="Requests">{formatCount(row.requests)}</td>
            <td data-label="Errors">{formatCount(row.errors)}</td>
            <td data-label="p50">{formatMs(row.latency_ms.p50)}</td>
            <td data-label="p95">{formatMs(row.latency_ms.p95)}</td>
            <td data-label="p99">{formatMs(row.latency_ms.p99)}</td>
            <td data-label="First token p95">{formatMs(row.ttfb_ms.p95)}</td>
            <td data-label="Tokens">
              {formatCount(row.tokens.input)} / {formatCount(row.tokens.output)}
            </td>
            <td data-label="Cost">{formatCost(row.cost)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChartsView({ range, navigate }: { range: string; navigate: Navigate }) {
  const [stats, setStats] = useState<StatsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    const load = () => {
      const to = Date.now();
      fetchStats(to - chartRanges[range].ms, to, abort.signal)
        .then((answer) => {
          setStats(answer);
          setError(null);
        })
        .catch((failure) => abort.signal.aborted || setError(failure.message));
    };
    load();
    const timer = setInterval(load, refreshMs);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [range]);

  const figures = useMemo(() => (stats ? charts(stats) : []), [stats]);

  return (
    <section aria-labelledby="charts-heading">
      <div class="charts-head">
        <h2 id="charts-heading">Charts</h2>
        <label>
          Time range
          <select value={range} onChange={(event) => navigate({ range: event.currentTarget.value }, true)}>
            {Object.entries(chartRanges).map(([value, { label }]) => (
              <option value={value} key={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {stats && stats.totals.requests === 0 && <p class="notice">No requests in this time range. Choose a longer one, or send a request.</p>}
      {stats?.partial && <p class="notice">This range holds more requests than the charts read at once; the numbers cover only part of them.</p>}
      <div class="charts">
        {figures.map((figure) => (
          <TimeChart key={figure.title} {...figure} />
        ))}
      </div>
      {stats && <ByModel stats={stats} />}
    </section>
  );
}
