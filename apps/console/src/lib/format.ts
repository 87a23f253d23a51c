/** How the console writes numbers: short, with their unit, and a dash where nothing is known. */
import type { RequestRecordV1 } from '@ai-gateway/spec';

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  return `${Math.round(value)} ms`;
}

export function formatCost(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toPrecision(2)}` : `$${value.toFixed(2)}`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toLocaleString('en');
}

export function formatTime(milliseconds: number): string {
  const date = new Date(milliseconds);
  const today = new Date().toDateString() === date.toDateString();
  return today ? date.toLocaleTimeString() : date.toLocaleString();
}

export function tokensText(record: RequestRecordV1): string {
  const { input, output } = record.tokens;
  if (input === null && output === null) return '–';
  return `${formatCount(input)} → ${formatCount(output)}`;
}

export function isFailure(record: RequestRecordV1): boolean {
  return record.status >= 400 || record.error !== null;
}

/** A body as the console shows it: pretty JSON when it is JSON, the text as it came otherwise. */
export function prettyBody(text: string | null): string {
  if (text === null) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
