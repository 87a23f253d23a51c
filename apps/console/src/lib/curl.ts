/**
 * A curl command that sends a recorded request again. The record has no credentials (they are
 * never stored), so the command reads the key from an environment variable the user sets.
 */
import type { RequestRecordV1 } from '@ai-gateway/spec';

/** Headers curl sets itself or that describe the old connection, not the request. */
const leftOut = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'user-agent', 'traceparent', 'x-portkey-trace-id']);

function quote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The gateway's root URL as the browser reaches it: the page is at <root>public/. */
export function gatewayRoot(): string {
  return new URL('..', location.href).href;
}

export function replayCurl(record: RequestRecordV1): string {
  const url = new URL(record.path.replace(/^\//, ''), gatewayRoot()).href;
  const lines = [`curl ${quote(url)}`];
  if (record.method !== 'POST' || record.request.text === null) lines[0] += ` -X ${record.method}`;
  lines.push(`-H "Authorization: Bearer $PROVIDER_API_KEY"`);
  for (const [name, value] of Object.entries(record.request_headers)) {
    if (!leftOut.has(name.toLowerCase())) lines.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (record.request.text !== null) lines.push(`--data-raw ${quote(record.request.text)}`);
  return lines.join(' \\\n  ');
}

export function firstRequestCurl(): string {
  const url = new URL('v1/chat/completions', gatewayRoot()).href;
  return [
    `curl ${url}`,
    `-H "Authorization: Bearer $OPENAI_API_KEY"`,
    `-H 'x-portkey-provider: openai'`,
    `-H 'content-type: application/json'`,
    `-d '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}'`,
  ].join(' \\\n  ');
}
