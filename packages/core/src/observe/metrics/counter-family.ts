/** A counter with a fixed list of labels: one running total per distinct set of label values. */
import { familyHeader, formatLabelPairs, formatSampleValue, labelSet } from './exposition-text.js';
import { createSeriesIndex } from './series-index.js';

export interface CounterFamily {
  /** Adds `amount` (1 by default) to the series of these label values, in the order of the family's label names. */
  add(labelValues: readonly string[], amount?: number): void;
  /** Appends the family's text to `lines`. */
  render(lines: string[]): void;
}

interface CounterSeries {
  /** The label set as written, escaped once when the series is made. */
  labels: string;
  value: number;
}

export function createCounterFamily(name: string, help: string, labelNames: readonly string[]): CounterFamily {
  const series = createSeriesIndex<CounterSeries>();
  return {
    add(labelValues, amount = 1) {
      const existing = series.find(labelValues);
      if (existing) existing.value += amount;
      else series.add(labelValues, { labels: labelSet(formatLabelPairs(labelNames, labelValues)), value: amount });
    },
    render(lines) {
      lines.push(familyHeader(name, help, 'counter'));
      for (const { labels, value } of series.all) lines.push(`${name}${labels} ${formatSampleValue(value)}\n`);
    },
  };
}
