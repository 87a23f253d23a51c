/**
 * A log sink that sends request records as OpenTelemetry traces over OTLP/HTTP: a SERVER span per
 * request and a CLIENT span per upstream call, in the trace the caller's `traceparent` began.
 */
import { consoleLogger, redactingLogger, type GatewayLogger, type LogSinkV1, type RequestRecordV1 } from '@ai-gateway/core';
import { recordSpans } from './otel-record-spans.js';
import { readOtelTraceSettings } from './otel-trace-settings.js';
import { loadOtlpSpanExporter } from './otlp-span-exporter.js';

/** The most often a failing collector is reported, with the count of batches lost in between. */
const failureReportIntervalMs = 60_000;

/** The exporter's `ExportResultCode.SUCCESS`. */
const exportSucceeded = 0;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reports export failures at most once a minute, and once when exports work again. */
function createFailureReport(logger: GatewayLogger, url: string) {
  let lastReportAt = Number.NEGATIVE_INFINITY;
  let failing = false;
  let unreportedBatches = 0;
  let unreportedSpans = 0;
  return {
    failed(error: unknown, spans: number) {
      failing = true;
      unreportedBatches += 1;
      unreportedSpans += spans;
      const now = Date.now();
      if (now - lastReportAt < failureReportIntervalMs) return;
      logger.warn('[ai-gateway] [otel] exporting spans failed; they are dropped, the gateway goes on', {
        endpoint: url,
        error: describeError(error),
        lostBatches: unreportedBatches,
        lostSpans: unreportedSpans,
      });
      lastReportAt = now;
      unreportedBatches = 0;
      unreportedSpans = 0;
    },
    succeeded() {
      if (!failing) return;
      failing = false;
      logger.info('[ai-gateway] [otel] exporting spans works again', { endpoint: url });
    },
  };
}

/**
 * A sink exporting the records' spans to the OTLP endpoint in `environment`, or undefined when none
 * is set (tracing is off). Reads `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_PROTOCOL` (`http/protobuf`, the default, or `http/json`),
 * `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_EXPORTER_OTLP_TIMEOUT`, `OTEL_EXPORTER_OTLP_COMPRESSION` (and
 * their `_TRACES_` forms), `OTEL_SERVICE_NAME` (default `ai-gateway`) and `OTEL_RESOURCE_ATTRIBUTES`.
 * Throws at once for a setting it cannot use (another protocol, an endpoint that is not a URL).
 *
 * Each `write` is one export; records without `span` ids (tracing was off for them) are skipped.
 * A failing collector never fails the gateway: `write` always resolves, and failures go to
 * `logger`. The exporter retries what the collector asks it to, and holds at most 30 exports at
 * once; batches beyond that are dropped (and reported), so a slow collector costs bounded memory.
 *
 * @example
 * const sink = createOtelTraceSink(process.env, logger); // undefined without an OTLP endpoint
 */
export function createOtelTraceSink(environment: Record<string, string | undefined>, logger: GatewayLogger = consoleLogger): LogSinkV1 | undefined {
  const settings = readOtelTraceSettings(environment);
  if (!settings) return undefined;
  const operatorLogger = redactingLogger(logger);
  const failures = createFailureReport(operatorLogger, settings.url);
  // Loading starts now, so the first batch does not wait for it.
  const loading = loadOtlpSpanExporter(settings);
  loading.catch((error: unknown) => operatorLogger.warn('[ai-gateway] [otel] the OTLP exporter could not be loaded; no spans are exported', { error: describeError(error) }));
  const pending = new Set<Promise<void>>();
  let closed = false;

  const exportRecords = async (records: readonly RequestRecordV1[]) => {
    const { exporter, source } = await loading;
    const spans = records.flatMap((record) => recordSpans(record, source));
    if (spans.length === 0) return;
    const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(spans, resolve));
    if (result.code === exportSucceeded) failures.succeeded();
    else failures.failed(result.error ?? 'the exporter gave no reason', spans.length);
  };

  const flush = async () => {
    await Promise.all(pending);
    const loaded = await loading.catch(() => undefined);
    await loaded?.exporter.forceFlush?.().catch((error: unknown) => failures.failed(error, 0));
  };

  return {
    name: 'otel',
    write(records) {
      if (closed || !records.some((record) => record.span)) return;
      const exporting: Promise<void> = exportRecords(records)
        .catch((error: unknown) => failures.failed(error, 0))
        .finally(() => pending.delete(exporting));
      pending.add(exporting);
      return exporting;
    },
    flush,
    async close() {
      if (closed) return;
      closed = true;
      await flush();
      const loaded = await loading.catch(() => undefined);
      await loaded?.exporter.shutdown().catch((error: unknown) => failures.failed(error, 0));
    },
  };
}
