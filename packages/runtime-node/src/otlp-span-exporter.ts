/**
 * The official OTLP/HTTP span exporter for the settings, and the resource its spans carry. The
 * OpenTelemetry packages are imported here, on first use: a gateway without tracing never loads
 * them (they take a few hundred milliseconds to load).
 */
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { SpanSource } from './otel-record-spans.js';
import type { OtelTraceSettings } from './otel-trace-settings.js';

export interface LoadedExporter {
  exporter: SpanExporter;
  source: SpanSource;
}

/** Headers from `key=value,key2=value2` lists (values percent-encoded), the later list winning. */
function headersOf(rawHeaders: string[], parseKeyPairsIntoRecord: (value: string) => Record<string, string>): Record<string, string> {
  return Object.assign({}, ...rawHeaders.map((headers) => parseKeyPairsIntoRecord(headers)));
}

type ExporterConfig = NonNullable<ConstructorParameters<typeof import('@opentelemetry/exporter-trace-otlp-proto').OTLPTraceExporter>[0]>;

export async function loadOtlpSpanExporter(settings: OtelTraceSettings): Promise<LoadedExporter> {
  const [{ parseKeyPairsIntoRecord }, { defaultResource, resourceFromAttributes }, { OTLPTraceExporter }] = await Promise.all([
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    settings.protocol === 'http/json' ? import('@opentelemetry/exporter-trace-otlp-http') : import('@opentelemetry/exporter-trace-otlp-proto'),
  ]);
  const exporter = new OTLPTraceExporter({
    url: settings.url,
    headers: headersOf(settings.rawHeaders, parseKeyPairsIntoRecord),
    timeoutMillis: settings.timeoutMillis,
    // The settings hold the enum's own values (`gzip`, `none`).
    compression: settings.compression as ExporterConfig['compression'],
  });
  // OTEL_SERVICE_NAME wins over a service.name in OTEL_RESOURCE_ATTRIBUTES, as the specification says.
  const resource = defaultResource().merge(resourceFromAttributes({
    ...(settings.rawResourceAttributes === undefined ? {} : parseKeyPairsIntoRecord(settings.rawResourceAttributes)),
    'service.name': settings.serviceName,
  }));
  return { exporter, source: { resource, instrumentationScope: { name: '@ai-gateway/runtime-node' } } };
}
