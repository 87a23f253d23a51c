/**
 * The OpenTelemetry exporter's standard environment variables, read from the environment the
 * gateway was given (not only `process.env`), signal-specific ones (`OTEL_EXPORTER_OTLP_TRACES_*`)
 * before the general ones. Only what can be checked without loading OpenTelemetry is read here, so
 * a bad setting stops start-up and a gateway without tracing loads none of it.
 */

export type OtlpHttpProtocol = 'http/protobuf' | 'http/json';

export interface OtelTraceSettings {
  /** Where spans are posted: the traces endpoint as given, or the general endpoint with `/v1/traces` added. */
  url: string;
  protocol: OtlpHttpProtocol;
  /** `OTEL_EXPORTER_OTLP_HEADERS` then `OTEL_EXPORTER_OTLP_TRACES_HEADERS`, unparsed (`key=value,key2=value2`). */
  rawHeaders: string[];
  /** `OTEL_RESOURCE_ATTRIBUTES`, unparsed. */
  rawResourceAttributes: string | undefined;
  serviceName: string;
  timeoutMillis: number | undefined;
  compression: 'gzip' | 'none' | undefined;
}

export const defaultOtelServiceName = 'ai-gateway';

const protocols: readonly OtlpHttpProtocol[] = ['http/protobuf', 'http/json'];

type Environment = Record<string, string | undefined>;

/** A variable's value, or undefined when unset or blank. */
function read(environment: Environment, name: string): string | undefined {
  return environment[name]?.trim() || undefined;
}

/** The traces variable when set, else the general one (`OTEL_EXPORTER_OTLP_TRACES_TIMEOUT`, then `OTEL_EXPORTER_OTLP_TIMEOUT`). */
function readSignal(environment: Environment, suffix: string): { name: string; value: string } | undefined {
  for (const name of [`OTEL_EXPORTER_OTLP_TRACES_${suffix}`, `OTEL_EXPORTER_OTLP_${suffix}`]) {
    const value = read(environment, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

function checkedUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`[ai-gateway] [otel] ${name} must be an http:// or https:// URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`[ai-gateway] [otel] ${name} must be an http:// or https:// URL`);
  }
  return url.href;
}

/** The general endpoint is a base: the traces path goes below whatever path it has (`http://collector:4318/otlp` → `/otlp/v1/traces`). */
function tracesUrlBelow(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * The exporter's settings, or undefined when no OTLP endpoint is set (or `OTEL_SDK_DISABLED=true`):
 * tracing is off then. Throws a clear error for a protocol other than OTLP/HTTP, an endpoint that is
 * not an http(s) URL, or a bad timeout or compression.
 */
export function readOtelTraceSettings(environment: Environment): OtelTraceSettings | undefined {
  if (read(environment, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const tracesEndpoint = read(environment, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const endpoint = read(environment, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (tracesEndpoint === undefined && endpoint === undefined) return undefined;
  const url = tracesEndpoint !== undefined
    ? checkedUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint)
    : tracesUrlBelow(checkedUrl('OTEL_EXPORTER_OTLP_ENDPOINT', endpoint!));

  const protocolSetting = readSignal(environment, 'PROTOCOL');
  const protocol = (protocolSetting?.value ?? 'http/protobuf') as OtlpHttpProtocol;
  if (!protocols.includes(protocol)) {
    throw new Error(`[ai-gateway] [otel] ${protocolSetting!.name}=${protocolSetting!.value} is not supported: the gateway exports traces over OTLP/HTTP, set http/protobuf (the default) or http/json`);
  }

  const timeoutSetting = readSignal(environment, 'TIMEOUT');
  const timeoutMillis = timeoutSetting === undefined ? undefined : Number(timeoutSetting.value);
  if (timeoutMillis !== undefined && !(Number.isFinite(timeoutMillis) && timeoutMillis > 0)) {
    throw new Error(`[ai-gateway] [otel] ${timeoutSetting!.name} must be a number of milliseconds above 0`);
  }

  const compressionSetting = readSignal(environment, 'COMPRESSION');
  const compression = compressionSetting?.value.toLowerCase();
  if (compression !== undefined && compression !== 'gzip' && compression !== 'none') {
    throw new Error(`[ai-gateway] [otel] ${compressionSetting!.name} must be gzip or none`);
  }

  return {
    url,
    protocol,
    rawHeaders: [read(environment, 'OTEL_EXPORTER_OTLP_HEADERS'), read(environment, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS')].filter((headers) => headers !== undefined),
    rawResourceAttributes: read(environment, 'OTEL_RESOURCE_ATTRIBUTES'),
    serviceName: read(environment, 'OTEL_SERVICE_NAME') ?? defaultOtelServiceName,
    timeoutMillis,
    compression,
  };
}
