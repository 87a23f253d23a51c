/**
 * Bounds the distinct values of each label, so requests cannot grow the number of series (and the
 * scrape, and the memory behind it) without limit: the model name, for one, is whatever the client
 * sends. The first `maxLabelValues` distinct values of a label keep their name for the life of the
 * process; every later one is counted as `other`. Admitted values are never dropped, since a counter
 * whose series disappeared and came back would read as a reset.
 */

/** The value that stands for every value past a label's cap. */
export const overflowLabelValue = 'other';

/** Distinct values per label before new ones count as `other`. */
export const defaultMaxLabelValues = 100;

/** Labels that share one set of admitted values (`model` and `gen_ai_request_model` are one model). */
export type CappedLabel = 'provider' | 'model' | 'operation' | 'status_code' | 'cache_status' | 'error_type' | 'outcome';

export type LabelCaps = (label: CappedLabel, value: string) => string;

export function createLabelCaps(maxLabelValues: number): LabelCaps {
  const admitted = new Map<CappedLabel, Set<string>>();
  return (label, value) => {
    // An empty value is rendered as no label at all, so it can never add a series of its own.
    if (value === '' || value === overflowLabelValue) return value;
    let values = admitted.get(label);
    if (values === undefined) {
      values = new Set();
      admitted.set(label, values);
    }
    if (values.has(value)) return value;
    if (values.size >= maxLabelValues) return overflowLabelValue;
    values.add(value);
    return value;
  };
}
