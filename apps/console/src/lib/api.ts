/**
 * The logs API as the console reads it. Every URL is relative to the page, so the console works on
 * any port and below a path prefix (a proxy serving the gateway at /gw/ serves the API at
 * /gw/public/api/).
 */
import type { LogPageV1, RequestRecordV1, StatsAnswer } from '@ai-gateway/core';

export type { StatsAnswer, StatsGroup } from '@ai-gateway/core';

/** A failed call, with the gateway's own message (OpenAI's error shape) when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('The gateway does not answer. Is it still running?', 0);
  }
  // A session that ran out (beyond loopback): the page itself then shows the login form.
  if (response.status === 401) {
    location.reload();
    throw new ApiError('Your session ended; sign in again.', 401);
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(body?.error?.message ?? `The gateway answered ${response.status}.`, response.status);
  }
  return (await response.json()) as T;
}

export function fetchLogs(search: URLSearchParams, signal?: AbortSignal): Promise<LogPageV1> {
  return getJson(`api/logs?${search}`, signal);
}

export function fetchRecord(traceId: string, signal?: AbortSignal): Promise<RequestRecordV1> {
  return getJson(`api/logs/${encodeURIComponent(traceId)}`, signal);
}

export function fetchStats(from: number, to: number, signal?: AbortSignal): Promise<StatsAnswer> {
  return getJson(`api/stats?from=${from}&to=${to}`, signal);
}

/** The live tail: calls back with each new record that matches the filters until closed. */
export function openLiveTail(search: URLSearchParams, onRecord: (record: RequestRecordV1) => void, onState: (connected: boolean) => void): () => void {
  const source = new EventSource(`api/logs/stream?${search}`);
  source.onopen = () => onState(true);
  // EventSource reconnects by itself; the console only shows that it is trying.
  source.onerror = () => onState(false);
  source.onmessage = (event) => onRecord(JSON.parse(event.data) as RequestRecordV1);
  return () => source.close();
}
