/**
 * Reads what an OTLP/HTTP trace exporter posted, as a collector would: protobuf bodies through
 * protobufjs with the messages of opentelemetry-proto's `collector/trace/v1` request (field numbers
 * as published; no npm package ships the .proto files, so the messages a trace request uses are
 * declared here), JSON bodies as OTLP/JSON. Both come out in one shape for the assertions.
 */
import protobuf from 'protobufjs';
import type { RecordedRequest } from '@ai-gateway/testing';

const otlpTraceSchema = `
syntax = "proto3";
package otlp;
message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message Status { string message = 2; int32 code = 3; }
message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  repeated Event events = 11;
  Status status = 15;
  fixed32 flags = 16;
}
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
`;

const exportRequest = protobuf.parse(otlpTraceSchema).root.lookupType('otlp.ExportTraceServiceRequest');

/** OTLP's span kinds (the protocol's numbers, one above the API's). */
export const otlpSpanKind = { server: 2, client: 3 } as const;
/** OTLP's status codes. */
export const otlpStatusCode = { unset: 0, ok: 1, error: 2 } as const;

export interface CollectedSpan {
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, unknown>;
  status: { code: number; message: string };
  events: { name: string; timeUnixNano: bigint; attributes: Record<string, unknown> }[];
  resource: Record<string, unknown>;
  scope: string;
}

type OtlpValue = Record<string, any>;

function attributeValue(value: OtlpValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(attributeValue);
  return undefined;
}

function attributesOf(keyValues: { key: string; value?: OtlpValue }[] | undefined): Record<string, unknown> {
  return Object.fromEntries((keyValues ?? []).map(({ key, value }) => [key, attributeValue(value)]));
}

/** Ids are bytes in protobuf and hex strings in OTLP/JSON. */
function hexOf(id: Uint8Array | string | undefined): string {
  if (id === undefined) return '';
  return typeof id === 'string' ? id.toLowerCase() : Buffer.from(id).toString('hex');
}

function flatten(request: { resourceSpans?: any[] }): CollectedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans: any) => (scopeSpans.spans ?? []).map((span: any): CollectedSpan => ({
      traceId: hexOf(span.traceId),
      spanId: hexOf(span.spanId),
      parentSpanId: hexOf(span.parentSpanId),
      name: span.name,
      kind: Number(span.kind ?? 0),
      startTimeUnixNano: BigInt(span.startTimeUnixNano),
      endTimeUnixNano: BigInt(span.endTimeUnixNano),
      attributes: attributesOf(span.attributes),
      status: { code: Number(span.status?.code ?? 0), message: span.status?.message ?? '' },
      events: (span.events ?? []).map((event: any) => ({ name: event.name, timeUnixNano: BigInt(event.timeUnixNano), attributes: attributesOf(event.attributes) })),
      resource,
      scope: scopeSpans.scope?.name ?? '',
    })));
  });
}

/** The spans of one export request, decoded by its content type. */
export function decodeTraceExport(request: RecordedRequest): CollectedSpan[] {
  const contentType = String(request.headers['content-type'] ?? '');
  if (contentType.startsWith('application/x-protobuf')) {
    const message = exportRequest.decode(request.body);
    return flatten(exportRequest.toObject(message, { longs: String }));
  }
  if (contentType.startsWith('application/json')) return flatten(JSON.parse(request.body.toString('utf8')));
  throw new Error(`not an OTLP/HTTP content type: ${contentType}`);
}
