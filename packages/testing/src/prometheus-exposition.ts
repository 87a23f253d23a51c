/// <reference path="./parse-prometheus-text-format.d.ts" />
/**
 * Reads the gateway's `/metrics` text as Prometheus would, with parse-prometheus-text-format, the
 * Prometheus text-format parser ported from the official Python client's. Its families give the
 * `# HELP` and `# TYPE` of each metric. Its histogram output merges every labelled series into one (an open issue of the
 * package, yunyu/parse-prometheus-text-format#13), so the samples are read from a second pass
 * without the `# TYPE` lines: each `_bucket`, `_sum` and `_count` line is then a plain sample with
 * all its labels, still parsed (names, label escapes, values) by the package.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface HistogramSeries {
  /** `le` -> cumulative count, in the order of the text. */
  buckets: [string, number][];
  sum: number;
  count: number;
}

export interface Exposition {
  families: Map<string, { help: string; type: string }>;
  samples: Sample[];
  /** The value of the one sample with exactly these labels, or undefined. */
  value(name: string, labels: Record<string, string>): number | undefined;
  /** The samples of one metric name. */
  series(name: string): Sample[];
  histogram(name: string, labels: Record<string, string>): HistogramSeries | undefined;
}

function sameLabels(left: Record<string, string>, right: Record<string, string>): boolean {
  const leftKeys = Object.keys(left);
  return leftKeys.length === Object.keys(right).length && leftKeys.every((key) => right[key] === left[key]);
}

function parseValue(text: string | undefined): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

export function parseExposition(text: string): Exposition {
  const families = new Map<string, { help: string; type: string }>();
  for (const family of parsePrometheusTextFormat(text)) families.set(family.name, { help: family.help, type: family.type.toLowerCase() });

  const untyped = text
    .split('\n')
    .filter((line) => !line.startsWith('# TYPE '))
    .join('\n');
  const samples: Sample[] = [];
  for (const family of parsePrometheusTextFormat(untyped)) {
    for (const sample of family.metrics) samples.push({ name: family.name, labels: sample.labels ?? {}, value: parseValue(sample.value) });
  }

  const matching = (name: string, labels: Record<string, string>) => samples.filter((sample) => sample.name === name && sameLabels(sample.labels, labels));
  return {
    families,
    samples,
    value(name, labels) {
      const found = matching(name, labels);
      if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} appears ${found.length} times`);
      return found[0]?.value;
    },
    series: (name) => samples.filter((sample) => sample.name === name),
    histogram(name, labels) {
      const buckets = samples
        .filter((sample) => sample.name === `${name}_bucket` && sameLabels(withoutLe(sample.labels), labels))
        .map((sample): [string, number] => [sample.labels.le, sample.value]);
      const [sum] = matching(`${name}_sum`, labels);
      const [count] = matching(`${name}_count`, labels);
      if (buckets.length === 0 && sum === undefined && count === undefined) return undefined;
      return { buckets, sum: sum?.value ?? Number.NaN, count: count?.value ?? Number.NaN };
    },
  };
}

function withoutLe(labels: Record<string, string>): Record<string, string> {
  const { le: _le, ...rest } = labels;
  return rest;
}
