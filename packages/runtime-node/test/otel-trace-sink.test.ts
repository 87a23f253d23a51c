/**
 * The OpenTelemetry sink against a local OTLP/HTTP collector (a real HTTP server decoding what it
 * gets, protobuf and JSON): the spans a trace backend would show for a fallback, a retry, a cache
 * hit and a failure, in the caller's trace, with the ids the upstreams got in their traceparent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, recordingLogger, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { createOtelTraceSink } from '../src/index.js';
import { decodeTraceExport, otlpSpanKind, otlpStatusCode, type CollectedSpan } from './otlp-trace-decoder.js';
import { allRecords, allRecordsSpanCount, cacheHitRecord, callerSpanId, callerTraceId, cutStreamRecord, deniedRecord, failedRecord, fallbackRecord, retryRecord, untracedRecord } from './traced-records.js';

let collector: MockUpstream;

beforeAll(async () => {
  collector = await startMockUpstream((request, response) => {
    const json = String(request.headers['content-type']).startsWith('application/json');
    response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
    response.end(json ? '{}' : undefined);
  });
});
afterEach(() => {
  collector.requests.length = 0;
});
afterAll(() => collector.close());

async function exportAll(environment: Record<string, string>): Promise<CollectedSpan[]> {
  const sink = createOtelTraceSink(environment, recordingLogger())!;
  await sink.write(allRecords);
  await sink.close!();
  expect(collector.requests).toHaveLength(1);
  return decodeTraceExport(collector.requests[0]!);
}

function spanWithId(spans: CollectedSpan[], spanId: string): CollectedSpan {
  const span = spans.find((candidate) => candidate.spanId === spanId);
  if (!span) throw new Error(`no span ${spanId} among ${spans.map((candidate) => candidate.spanId).join(', ')}`);
  return span;
}

const nanoseconds = (milliseconds: number) => BigInt(milliseconds) * 1_000_000n;

/** What a trace backend shows for the records, whichever the protocol. */
function expectGatewaySpans(spans: CollectedSpan[]): void {
  expect(spans).toHaveLength(allRecordsSpanCount);

  const fallbackServer = spanWithId(spans, fallbackRecord.span!.span_id);
  expect(fallbackServer).toMatchObject({
    traceId: callerTraceId,
    parentSpanId: callerSpanId,
    kind: otlpSpanKind.server,
    name: 'POST /v1/chat/completions',
    startTimeUnixNano: nanoseconds(fallbackRecord.started_at),
    endTimeUnixNano: nanoseconds(fallbackRecord.started_at + fallbackRecord.latency_ms),
    status: { code: otlpStatusCode.unset },
    scope: '@ai-gateway/runtime-node',
  });
  expect(fallbackServer.attributes).toMatchObject({
    'http.request.method': 'POST',
    'url.path': '/v1/chat/completions',
    'http.route': '/v1/chat/completions',
    'http.response.status_code': 200,
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.request.model': 'claude-sonnet-4-5',
    'gen_ai.response.model': 'claude-sonnet-4-5-20250929',
    'gen_ai.usage.input_tokens': 21,
    'gen_ai.usage.output_tokens': 42,
    'gen_ai.usage.cache_read.input_tokens': 8,
    'ai_gateway.trace_id': 'trace-fallback',
    'ai_gateway.cache_status': 'MISS',
    'ai_gateway.config_path': 'config.targets[1]',
    'ai_gateway.retry_count': 0,
    'ai_gateway.fallback': true,
    'ai_gateway.cost_usd': 0.00033,
    'ai_gateway.metadata.team': 'search',
  });
  expect(fallbackServer.attributes).not.toHaveProperty('error.type');

  const [failedCall, answeringCall] = fallbackRecord.attempts;
  expect(spanWithId(spans, failedCall!.span_id!)).toMatchObject({
    traceId: callerTraceId,
    parentSpanId: fallbackRecord.span!.span_id,
    kind: otlpSpanKind.client,
    name: 'chat gpt-4o',
    startTimeUnixNano: nanoseconds(failedCall!.started_at),
    endTimeUnixNano: nanoseconds(failedCall!.started_at + failedCall!.latency_ms),
    status: { code: otlpStatusCode.error, message: 'The upstream answered 503' },
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'http.response.status_code': 503,
      'error.type': '503',
      'ai_gateway.target': 'config.targets[0]',
      'ai_gateway.attempt.outcome': 'fallback',
    },
  });
  expect(spanWithId(spans, failedCall!.span_id!).attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
  const answering = spanWithId(spans, answeringCall!.span_id!);
  expect(answering).toMatchObject({ parentSpanId: fallbackRecord.span!.span_id, kind: otlpSpanKind.client, name: 'chat claude-sonnet-4-5', status: { code: otlpStatusCode.unset } });
  expect(answering.attributes).toMatchObject({
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.response.model': 'claude-sonnet-4-5-20250929',
    'gen_ai.usage.input_tokens': 21,
    'gen_ai.usage.output_tokens': 42,
    'ai_gateway.attempt.outcome': 'success',
  });
  expect(answering.attributes).not.toHaveProperty('error.type');

  // Without a traceparent the server span is the trace's root; the skipped target is an event on it.
  const retryServer = spanWithId(spans, retryRecord.span!.span_id);
  expect(retryServer.parentSpanId).toBe('');
  expect(retryServer.traceId).toBe(retryRecord.span!.trace_id);
  expect(retryServer.attributes).toMatchObject({ 'ai_gateway.retry_count': 1, 'ai_gateway.fallback': false, 'gen_ai.request.stream': true, 'gen_ai.response.time_to_first_chunk': 0.4 });
  expect(retryServer.events).toEqual([{
    name: 'ai_gateway.circuit_open',
    timeUnixNano: nanoseconds(retryRecord.attempts[0]!.started_at),
    attributes: { 'ai_gateway.target': 'config.targets[0]', 'gen_ai.provider.name': 'azure.ai.openai', 'gen_ai.request.model': 'gpt-4o' },
  }]);
  const retryCalls = spans.filter((span) => span.parentSpanId === retryRecord.span!.span_id);
  expect(retryCalls.map((span) => [span.spanId, span.attributes['ai_gateway.attempt.outcome'], span.attributes['error.type']])).toEqual([
    ['d4d4d4d4d4d4d4d4', 'retry', '429'],
    ['e5e5e5e5e5e5e5e5', 'success', undefined],
  ]);

  const cacheHit = spanWithId(spans, cacheHitRecord.span!.span_id);
  expect(cacheHit.attributes).toMatchObject({ 'ai_gateway.cache_status': 'HIT', 'ai_gateway.trace_id': 'trace-cache-hit' });
  expect(spans.filter((span) => span.parentSpanId === cacheHitRecord.span!.span_id)).toEqual([]);

  const failedServer = spanWithId(spans, failedRecord.span!.span_id);
  expect(failedServer).toMatchObject({ status: { code: otlpStatusCode.error, message: 'The upstream failed' } });
  expect(failedServer.attributes).toMatchObject({ 'http.response.status_code': 502, 'error.type': 'upstream_error' });
  expect(spanWithId(spans, '3333333333333333')).toMatchObject({ parentSpanId: failedRecord.span!.span_id, status: { code: otlpStatusCode.error }, attributes: { 'error.type': '500' } });

  // A 4xx is the client's failure; a stream cut part way is the gateway's, whatever its 200 says.
  const denied = spanWithId(spans, deniedRecord.span!.span_id);
  expect(denied.status.code).toBe(otlpStatusCode.unset);
  expect(denied.attributes).toMatchObject({ 'http.response.status_code': 446 });
  expect(denied.attributes).not.toHaveProperty('error.type');
  const cutStream = spanWithId(spans, cutStreamRecord.span!.span_id);
  expect(cutStream.status).toEqual({ code: otlpStatusCode.error, message: 'The upstream stream ended before it finished' });
  expect(cutStream.attributes).toMatchObject({ 'http.response.status_code': 200, 'error.type': 'api_error' });

  // Records without span ids were not traced.
  expect(spans.some((span) => span.attributes['ai_gateway.trace_id'] === 'trace-untraced')).toBe(false);
}

describe('createOtelTraceSink', () => {
  it('exports the spans over OTLP/HTTP protobuf by default, with the headers and service name', async () => {
    const spans = await exportAll({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20collector-token,x-tenant=team-a',
    });
    const [request] = collector.requests;
    expect(request!.url).toBe('/v1/traces');
    expect(request!.headers['content-type']).toBe('application/x-protobuf');
    expect(request!.headers.authorization).toBe('Bearer collector-token');
    expect(request!.headers['x-tenant']).toBe('team-a');
    expect(spans[0]!.resource['service.name']).toBe('ai-gateway');
    expectGatewaySpans(spans);
  });

  it('exports the same spans as OTLP/JSON to the traces endpoint', async () => {
    const spans = await exportAll({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.origin}/custom/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=team-b',
      OTEL_SERVICE_NAME: 'edge-gateway',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging,service.name=overridden',
    });
    const [request] = collector.requests;
    expect(request!.url).toBe('/custom/traces');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-tenant']).toBe('team-b');
    expect(spans[0]!.resource).toMatchObject({ 'service.name': 'edge-gateway', 'deployment.environment.name': 'staging' });
    expectGatewaySpans(spans);
  });

  it('sends nothing for records that were not traced', async () => {
    const sink = createOtelTraceSink({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin })!;
    await sink.write([untracedRecord]);
    await sink.close!();
    expect(collector.requests).toEqual([]);
  });

  it('is off without an OTLP endpoint, or when the SDK is disabled', () => {
    expect(createOtelTraceSink({})).toBeUndefined();
    expect(createOtelTraceSink({ OTEL_SERVICE_NAME: 'gateway', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBeUndefined();
    expect(createOtelTraceSink({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
  });

  it('refuses at start-up what it cannot export to', () => {
    expect(() => createOtelTraceSink({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      '[ai-gateway] [otel] OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: the gateway exports traces over OTLP/HTTP, set http/protobuf (the default) or http/json',
    );
    expect(() => createOtelTraceSink({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow('OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL');
    expect(() => createOtelTraceSink({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, OTEL_EXPORTER_OTLP_TIMEOUT: 'soon' })).toThrow('OTEL_EXPORTER_OTLP_TIMEOUT must be a number');
  });

  it('tells the operator when the collector is down, without failing the gateway', async () => {
    const logger = recordingLogger();
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const sink = createOtelTraceSink({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_TIMEOUT: '300', OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20collector-token' }, logger)!;
    await expect(sink.write([fallbackRecord, retryRecord])).resolves.toBeUndefined();
    await expect(sink.close!()).resolves.toBeUndefined();
    expect(logger.lines).toEqual([{
      level: 'warn',
      message: '[ai-gateway] [otel] exporting spans failed; they are dropped, the gateway goes on',
      fields: expect.objectContaining({ endpoint: `${endpoint}/v1/traces`, lostBatches: 1, lostSpans: 6 }),
    }]);
    expect(JSON.stringify(logger.lines)).not.toContain('collector-token');
  });
});
