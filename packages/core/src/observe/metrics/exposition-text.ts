/**
 * Pieces of the Prometheus text exposition format (version 0.0.4): what a sample line, a label
 * set and a `# HELP` line look like, with the escaping that keeps any value on its own line.
 */

/** The `Content-Type` of `render()`'s text, for the route that serves it. */
export const prometheusTextContentType = 'text/plain; version=0.0.4; charset=utf-8';

/** A label value between double quotes: backslash, double quote and line feed are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));
}

/** A `# HELP` text: only backslash and line feed are escaped there. */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (character) => (character === '\n' ? '\\n' : '\\\\'));
}

/** A sample value as the format spells it (Go's float syntax: `+Inf`, `-Inf`, `NaN`). */
export function formatSampleValue(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/**
 * `name="value"` pairs, comma-separated, for the labels whose value is not empty. Prometheus treats
 * an empty label value as no label, so leaving it out changes no series' identity and keeps
 * conditionally present labels (`error_type`) off the series that lack them.
 */
export function formatLabelPairs(names: readonly string[], values: readonly string[]): string {
  const pairs: string[] = [];
  for (let index = 0; index < names.length; index++) {
    if (values[index] !== '') pairs.push(`${names[index]}="${escapeLabelValue(values[index])}"`);
  }
  return pairs.join(',');
}

/** A label set as it follows a metric name: `{pairs}`, or nothing when there are none. */
export function labelSet(pairs: string): string {
  return pairs === '' ? '' : `{${pairs}}`;
}

/** The `# HELP` and `# TYPE` lines that open a metric family. */
export function familyHeader(name: string, help: string, type: 'counter' | 'gauge' | 'histogram'): string {
  return `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;
}
