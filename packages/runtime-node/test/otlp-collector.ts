/**
 * A local OTLP/HTTP collector: a real HTTP server on 127.0.0.1 that accepts trace exports in either
 * protocol, as an OpenTelemetry Collector would, and decodes what it got (otlp-trace-decoder.ts).
 * Spans are exported in batches after the answers, so tests wait for the ones they expect.
 */
import { startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { decodeTraceExport, type CollectedSpan } from './otlp-trace-decoder.js';

export interface OtlpCollector {
  /** `http://127.0.0.1:<port>`: an `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  origin: string;
  /** Every export request received so far. */
  exports: MockUpstream['requests'];
  /** Every span received so far, decoded. */
  spans(): CollectedSpan[];
  /** The spans of `traceId`, once `count` of them have arrived (throws when they do not within `timeoutMs`). */
  spansOfTrace(traceId: string, count: number, timeoutMs?: number): Promise<CollectedSpan[]>;
  close(): Promise<void>;
}

export async function startOtlpCollector(): Promise<OtlpCollector> {
  const server = await startMockUpstream((request, response) => {
    const json = String(request.headers['content-type']).startsWith('application/json');
    response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
    response.end(json ? '{}' : undefined);
  });
  const spans = () => server.requests.flatMap(decodeTraceExport);
  return {
    origin: server.origin,
    exports: server.requests,
    spans,
    async spansOfTrace(traceId, count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = spans().filter((span) => span.traceId === traceId);
        if (found.length >= count || Date.now() > deadline) {
          if (found.length < count) throw new Error(`the collector got ${found.length} of the ${count} spans of trace ${traceId}`);
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => server.close(),
  };
}
