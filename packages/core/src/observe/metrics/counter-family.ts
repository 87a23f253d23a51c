/** A counter with a fixed list of labels: one running total per distinct set of label values. */
import { familyHeader, formatLabelPairs, formatSampleValue, labelSet } from './exposition-text.js';

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
  const series = new Map<string, CounterSeries>();
  return {
    add(labelValues, amount = 1) {
      // JSON of the array is unambiguous for any label value, unlike a join on a separator.
      const key = JSON.stringify(labelValues);
      const existing = series.get(key);
      if (existing) existing.value += amount;
      else series.set(key, { labels: labelSet(formatLabelPairs(labelNames, labelValues)), value: amount });
    },
    render(lines) {
      lines.push(familyHeader(name, help, 'counter'));
      for (const { labels, value } of series.values()) lines.push(`${name}${labels} ${formatSampleValue(value)}\n`);
    },
  };
}
