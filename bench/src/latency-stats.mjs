/** Percentiles over raw samples: exact (sorted), so sub-millisecond differences survive. */

/**
 * @param {number[]} sortedValues ascending
 * @param {number} percentile 0..100
 */
export function percentileOfSorted(sortedValues, percentile) {
  if (sortedValues.length === 0) return null;
  const rank = Math.ceil((percentile / 100) * sortedValues.length) - 1;
  return sortedValues[Math.min(sortedValues.length - 1, Math.max(0, rank))];
}

/**
 * p50/p90/p99/max/mean of samples in milliseconds.
 * @param {number[]} values
 */
export function summarizeLatencies(values) {
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    samples: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
    mean: sorted.length ? sum / sorted.length : null,
  };
}

/** Rounds for the report: three decimals is a microsecond, finer than anything measured here. */
export function round(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
