/**
 * The control plane's read side: the logs API (`/public/api/logs`, one record, a live tail), the
 * stats the console charts, and `/metrics` for Prometheus. Every path checks the admin access
 * first (security/admin-access.ts).
 */
import type { Context, Hono } from 'hono';
import { errorResponse, GatewayError, invalidRequest, toGatewayError } from '@ai-gateway/provider-utils';
import type { LogQueryV1, RequestRecordV1 } from '@ai-gateway/spec';
import type { AdminGuard } from '../security/admin-access.js';
import { logQueryFromSearch, recordMatches } from './log-query.js';
import { computeStats, parseBucket } from './log-stats.js';
import type { RequestLog } from './request-log.js';
import type { GatewayMetrics } from './metrics/gateway-metrics.js';
import { prometheusTextContentType } from './metrics/exposition-text.js';

export interface ControlPlane {
  requestLog: RequestLog | undefined;
  metrics: GatewayMetrics | undefined;
  /** Who may read it (security/admin-access.ts). */
  admin: AdminGuard;
}

/** Most rows the stats are computed from; a longer range reports `partial: true`. */
const maxStatsRows = 200_000;
/** A comment line on an idle live tail, so proxies and browsers keep the connection. */
const heartbeatMs = 15_000;
const encoder = new TextEncoder();

function timeParameter(params: URLSearchParams, name: string, fallback: number): number {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) throw invalidRequest(`Invalid ${name} '${text}': give an ISO 8601 time or milliseconds since 1970.`, name, 'invalid_query');
  return value;
}

/** Server-sent events of every new record that matches the query's filters, until the client goes. */
function liveTail(requestLog: RequestLog, query: LogQueryV1, signal: AbortSignal): Response {
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(': live tail of the request log\n\n'));
      const unlisten = requestLog.listen((record: RequestRecordV1) => {
        if (recordMatches(record, query)) controller.enqueue(encoder.encode(`data: ${JSON.stringify(record)}\n\n`));
      });
      const heartbeat = setInterval(() => controller.enqueue(encoder.encode(': keep-alive\n\n')), heartbeatMs);
      stop = () => {
        unlisten();
        clearInterval(heartbeat);
      };
      signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // Already closed by a cancel.
        }
      });
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } });
}

export function addControlPlaneRoutes(app: Hono, plane: ControlPlane): void {
  const { requestLog, metrics, admin } = plane;
  const guarded = (handler: (context: Context) => Promise<Response> | Response) => async (context: Context): Promise<Response> => {
    try {
      await admin.check(context.req.raw.headers);
      return await handler(context);
    } catch (error) {
      return errorResponse(toGatewayError(error));
    }
  };
  const store = async () => {
    if (!requestLog?.store) throw new GatewayError('This gateway keeps no request log (it was turned off).', { status: 404, code: 'request_log_off' });
    // Records of answers that just ended are written now, so a script that reads right after a request finds it.
    await requestLog.writePending();
    return requestLog.store;
  };

  app.get('/public/api/logs', guarded(async (context) => {
    const page = await (await store()).query(logQueryFromSearch(new URL(context.req.url).searchParams));
    return context.json(page);
  }));
  app.get('/public/api/logs/stream', guarded(async (context) => {
    await store();
    const params = new URL(context.req.url).searchParams;
    params.delete('cursor');
    return liveTail(requestLog!, logQueryFromSearch(params), context.req.raw.signal);
  }));
  app.get('/public/api/logs/:traceId', guarded(async (context) => {
    const traceId = context.req.param('traceId') ?? '';
    const record = await (await store()).get(traceId);
    if (!record) throw new GatewayError(`No record with trace id '${traceId}' (unknown, or removed by retention).`, { status: 404, code: 'not_found' });
    return context.json(record);
  }));
  app.get('/public/api/stats', guarded(async (context) => {
    const params = new URL(context.req.url).searchParams;
    const to = timeParameter(params, 'to', Date.now());
    const from = timeParameter(params, 'from', to - 3_600_000);
    if (from >= to) throw invalidRequest("'from' must be before 'to'.", 'from', 'invalid_query');
    const bucketMs = parseBucket(params.get('bucket'), to - from);
    const rows = await (await store()).statsRows(from, to, maxStatsRows);
    return context.json(computeStats(rows, from, to, bucketMs, rows.length >= maxStatsRows));
  }));
  app.get('/metrics', guarded(() => {
    if (!metrics) throw new GatewayError('Metrics are off on this gateway.', { status: 404, code: 'metrics_off' });
    requestLog?.drain();
    return new Response(metrics.render(), { headers: { 'content-type': prometheusTextContentType } });
  }));
}
