/**
 * A histogram with fixed bucket boundaries and a fixed list of labels. Each series keeps a count
 * per bucket; the text gives them cumulated (`le` is "less than or equal"), then `+Inf`, `_sum`
 * and `_count`, as Prometheus expects.
 */
import { familyHeader, formatLabelPairs, formatSampleValue, labelSet } from './exposition-text.js';
import { createSeriesIndex } from './series-index.js';

export interface HistogramFamily {
  /** Records one value in the series of these label values, in the order of the family's label names. */
  observe(labelValues: readonly string[], value: number): void;
  /** Appends the family's text to `lines`. */
  render(lines: string[]): void;
}

interface HistogramSeries {
  /** The label pairs as written, escaped once when the series is made. */
  labelPairs: string;
  /** Per bucket, not cumulated; one more than the boundaries for the values above the last one. */
  bucketCounts: number[];
  sum: number;
  count: number;
}

export function createHistogramFamily(name: string, help: string, labelNames: readonly string[], boundaries: readonly number[]): HistogramFamily {
  const series = createSeriesIndex<HistogramSeries>();
  const upperBounds = [...boundaries.map((boundary) => `le="${formatSampleValue(boundary)}"`), 'le="+Inf"'];
  return {
    observe(labelValues, value) {
      let entry = series.find(labelValues);
      if (entry === undefined) {
        entry = { labelPairs: formatLabelPairs(labelNames, labelValues), bucketCounts: new Array<number>(boundaries.length + 1).fill(0), sum: 0, count: 0 };
        series.add(labelValues, entry);
      }
      let bucket = 0;
      while (bucket < boundaries.length && value > boundaries[bucket]) bucket++;
      entry.bucketCounts[bucket]++;
      entry.sum += value;
      entry.count++;
    },
    render(lines) {
      lines.push(familyHeader(name, help, 'histogram'));
      for (const { labelPairs, bucketCounts, sum, count } of series.all) {
        const bucketPrefix = `${name}_bucket{${labelPairs === '' ? '' : `${labelPairs},`}`;
        let cumulative = 0;
        for (let bucket = 0; bucket < upperBounds.length; bucket++) {
          cumulative += bucketCounts[bucket];
          lines.push(`${bucketPrefix}${upperBounds[bucket]}} ${cumulative}\n`);
        }
        const labels = labelSet(labelPairs);
        lines.push(`${name}_sum${labels} ${formatSampleValue(sum)}\n${name}_count${labels} ${count}\n`);
      }
    },
  };
}
