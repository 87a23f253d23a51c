/**
 * OpenTelemetry traces end to end: the official openai SDK calls the Node gateway, mock upstreams
 * answer (and record the `traceparent` each call carried), and the gateway exports its spans to a
 * local OTLP/HTTP collector, in both protocols. What a trace backend would show for a fallback in
 * the caller's trace, a retry in a trace of its own and a stream, with the ids the upstreams got
 * and the ones the logs API gives; what shutting down sends; and nothing of it with tracing off.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failing, sequence, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { createOtelTraceSink, type RunningGateway } from '../src/index.js';
import { startTestGateway } from './node-harness.js';
import { startOtlpCollector, type OtlpCollector } from './otlp-collector.js';
import { otlpSpanKind, otlpStatusCode } from './otlp-trace-decoder.js';
import {
  answeredModel, answeringUpstream, callerTraceparent, clientOf, expectAnsweringCall, expectTraceOfRecord, question, recordOf, requestHeaders,
  streamedPieceCount, streamedUpstream, target,
} from './traced-exchanges.js';

let upstream: MockUpstream;
let spare: MockUpstream;

beforeAll(async () => {
  [upstream, spare] = await Promise.all([startMockUpstream(answeringUpstream), startMockUpstream(answeringUpstream)]);
});
afterAll(() => Promise.all([upstream?.close(), spare?.close()]));
beforeEach(() => {
  for (const mock of [upstream, spare]) {
    mock.setHandler(answeringUpstream);
    mock.requests.length = 0;
  }
});

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  describe(`traces exported over OTLP ${protocol}`, () => {
    const contentType = protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
    let collector: OtlpCollector;
    let gateway: RunningGateway;

    beforeAll(async () => {
      collector = await startOtlpCollector();
      gateway = await startTestGateway({ traceSink: createOtelTraceSink({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, OTEL_EXPORTER_OTLP_PROTOCOL: protocol }) });
    });
    afterAll(async () => {
      await gateway?.close();
      // Every export came in the protocol asked for.
      expect(collector.exports.map((request) => request.headers['content-type'])).toEqual(collector.exports.map(() => contentType));
      await collector?.close();
    });

    it("continues the caller's trace through a fallback: a client span for the call that failed and one for the call that answered", async () => {
      upstream.setHandler(failing(500));
      const caller = callerTraceparent();
      const { traceId, headers } = requestHeaders({ strategy: { mode: 'fallback' }, targets: [target(upstream), target(spare)] }, caller.traceparent);
      const completion = await clientOf(gateway.url).chat.completions.create(question, { headers });
      expect(completion.choices[0]!.message.content).toBe('Hello from the mock upstream');

      const record = await recordOf(gateway.url, traceId);
      expect(record.span).toMatchObject({ trace_id: caller.traceId, parent_span_id: caller.spanId });
      const spans = await collector.spansOfTrace(caller.traceId, 3);
      const { server, clients: [failedCall, answeringCall] } = expectTraceOfRecord(spans, record, [upstream.requests[0]!, spare.requests[0]!]);

      expect(server.parentSpanId).toBe(caller.spanId);
      expect(server.status.code).toBe(otlpStatusCode.unset);
      expect(server.attributes).toMatchObject({
        'http.response.status_code': 200,
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': answeredModel,
        'gen_ai.usage.input_tokens': 9,
        'gen_ai.usage.output_tokens': 5,
        'gen_ai.request.stream': false,
        'ai_gateway.fallback': true,
        'ai_gateway.retry_count': 0,
        'ai_gateway.config_path': 'config.targets[1]',
      });
      expect(failedCall!).toMatchObject({ name: 'chat gpt-4o-mini', status: { code: otlpStatusCode.error, message: expect.stringContaining('upstream says 500') } });
      expect(failedCall!.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'http.response.status_code': 500,
        'error.type': '500',
        'ai_gateway.target': 'config.targets[0]',
        'ai_gateway.attempt.outcome': 'fallback',
      });
      expect(failedCall!.attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
      expectAnsweringCall(answeringCall!, { input: 9, output: 5 });
      expect(answeringCall!.attributes['ai_gateway.target']).toBe('config.targets[1]');
    });

    it('starts a trace of its own for a request without traceparent, with a client span per retried call', async () => {
      upstream.setHandler(sequence(failing(429), answeringUpstream));
      const { traceId, headers } = requestHeaders({ ...target(upstream), retry: { attempts: 2, on_status_codes: [429] } });
      await clientOf(gateway.url).chat.completions.create(question, { headers });

      const record = await recordOf(gateway.url, traceId);
      expect(record.span!.parent_span_id).toBeNull();
      const spans = await collector.spansOfTrace(record.span!.trace_id, 3);
      const { server, clients: [retriedCall, answeringCall] } = expectTraceOfRecord(spans, record, upstream.requests);

      expect(server.parentSpanId).toBe('');
      expect(server.attributes).toMatchObject({ 'ai_gateway.retry_count': 1, 'ai_gateway.fallback': false, 'ai_gateway.config_path': 'config' });
      expect(retriedCall!.status.code).toBe(otlpStatusCode.error);
      expect(retriedCall!.attributes).toMatchObject({ 'http.response.status_code': 429, 'error.type': '429', 'ai_gateway.attempt.outcome': 'retry', 'ai_gateway.target': 'config' });
      expectAnsweringCall(answeringCall!, { input: 9, output: 5 });
    });

    it('ends the server span of a stream with its last chunk; the call that answered has the usage the stream reported', async () => {
      upstream.setHandler(streamedUpstream);
      const caller = callerTraceparent();
      const { traceId, headers } = requestHeaders(target(upstream), caller.traceparent);
      const streamStarted = performance.now();
      const stream = await clientOf(gateway.url).chat.completions.create({ ...question, stream: true, stream_options: { include_usage: true } }, { headers });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      const streamMs = performance.now() - streamStarted;
      expect(text).toBe('Hello from the stream');

      const record = await recordOf(gateway.url, traceId);
      const spans = await collector.spansOfTrace(caller.traceId, 2);
      const { server, clients: [answeringCall] } = expectTraceOfRecord(spans, record, upstream.requests);
      expect(server.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': streamedPieceCount, 'gen_ai.response.model': answeredModel });
      expect(server.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
      expectAnsweringCall(answeringCall!, { input: 9, output: streamedPieceCount });
      expect(answeringCall!.attributes['gen_ai.request.stream']).toBe(true);
      // The client span ends at the response headers; the server span when the stream's last event went out.
      const serverMs = Number(server.endTimeUnixNano - server.startTimeUnixNano) / 1e6;
      const clientMs = Number(answeringCall!.endTimeUnixNano - answeringCall!.startTimeUnixNano) / 1e6;
      expect(serverMs).toBeGreaterThan(clientMs + 100);
      expect(serverMs).toBeLessThanOrEqual(streamMs);
    });

    it("sends the call's own traceparent upstream even when the client asks for its traceparent to be forwarded", async () => {
      const caller = callerTraceparent();
      const { traceId, headers } = requestHeaders(target(upstream), caller.traceparent);
      await clientOf(gateway.url).chat.completions.create(question, { headers: { ...headers, 'x-portkey-forward-headers': 'traceparent' } });

      const record = await recordOf(gateway.url, traceId);
      expectTraceOfRecord(await collector.spansOfTrace(caller.traceId, 2), record, upstream.requests);
    });

    it('sends the spans of a request still waiting for its batch when the gateway shuts down', async () => {
      // Batches wait a minute here: only the flush at shutdown can send this one.
      const closing = await startTestGateway({
        requestLog: { flushIntervalMs: 60_000 },
        traceSink: createOtelTraceSink({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, OTEL_EXPORTER_OTLP_PROTOCOL: protocol }),
      });
      const caller = callerTraceparent();
      const { headers } = requestHeaders(target(upstream), caller.traceparent);
      await clientOf(closing.url).chat.completions.create(question, { headers });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(collector.spans().filter((span) => span.traceId === caller.traceId)).toEqual([]);

      await closing.close();
      const spans = collector.spans().filter((span) => span.traceId === caller.traceId);
      expect(spans.map((span) => [span.kind, span.parentSpanId === caller.spanId])).toEqual([[otlpSpanKind.server, true], [otlpSpanKind.client, false]]);
      expect(upstream.requests[0]!.headers.traceparent).toBe(`00-${caller.traceId}-${spans[1]!.spanId}-01`);
    });
  });
}

describe('with tracing off', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway?.close());

  it('sends no traceparent upstream, not even the caller’s, and keeps no span ids in the records', async () => {
    upstream.setHandler(failing(500));
    const caller = callerTraceparent();
    const { traceId, headers } = requestHeaders({ strategy: { mode: 'fallback' }, targets: [target(upstream), target(spare)] }, caller.traceparent);
    await clientOf(gateway.url).chat.completions.create(question, { headers });

    for (const call of [upstream.requests[0]!, spare.requests[0]!]) expect(call.headers).not.toHaveProperty('traceparent');
    const record = await recordOf(gateway.url, traceId);
    expect(record.attempts.map((attempt) => attempt.outcome)).toEqual(['fallback', 'success']);
    expect(record).not.toHaveProperty('span');
    for (const attempt of record.attempts) expect(attempt).not.toHaveProperty('span_id');
  });

  it("forwards the caller's traceparent as it came when the client asks for it", async () => {
    const caller = callerTraceparent();
    const { headers } = requestHeaders(target(upstream), caller.traceparent);
    await clientOf(gateway.url).chat.completions.create(question, { headers: { ...headers, 'x-portkey-forward-headers': 'traceparent' } });
    expect(upstream.requests[0]!.headers.traceparent).toBe(caller.traceparent);
  });
});
