/**
 * The exchanges of the end-to-end trace tests, whichever runtime serves the gateway: an upstream
 * that names a dated model in its answers (so the request's model and the answer's differ, as with
 * OpenAI's aliases), a stream that takes a while, a caller's W3C traceparent with fresh ids, the
 * openai SDK's requests, and what the exported spans must show of each request's record.
 */
import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import { expect } from 'vitest';
import { chatChunkEvents, chatCompletion, mockStreamPieces, sendEvents, sendJson, type MockHandler, type MockUpstream, type RecordedRequest } from '@ai-gateway/testing';
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { otlpSpanKind, otlpStatusCode, type CollectedSpan } from './otlp-trace-decoder.js';

/** The model the upstream says answered. */
export const answeredModel = 'gpt-4o-mini-2024-07-18';
/** Output tokens the stream reports: one per piece. */
export const streamedPieceCount = mockStreamPieces.length;
/** Pause between the stream's events: the whole stream takes a few hundred milliseconds after its headers. */
const streamEventGapMs = 30;

/** Answers a chat completion (usage 9 in, 5 out) with the dated model. */
export const answeringUpstream: MockHandler = (_request, response) => sendJson(response, 200, chatCompletion(answeredModel));

/** Streams the answer slowly, with its usage when the client asked for it. */
export const streamedUpstream: MockHandler = (request, response) =>
  sendEvents(response, chatChunkEvents(answeredModel, mockStreamPieces, request.json?.stream_options?.include_usage === true), streamEventGapMs);

/** A caller's `traceparent` (sampled) with fresh ids. */
export function callerTraceparent(): { traceId: string; spanId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

export const target = (mock: MockUpstream) => ({ provider: 'openai', api_key: 'sk-provider-key', custom_host: `${mock.origin}/v1` });
export const question = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

/** The official SDK against the gateway at `gatewayUrl`; it never retries on its own. */
export function clientOf(gatewayUrl: string): OpenAI {
  return new OpenAI({ apiKey: 'sk-client', baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
}

let requestCounter = 0;
/** Headers for one request: its config, a gateway trace id to find its record by, and the caller's traceparent if any. */
export function requestHeaders(config: Record<string, unknown>, traceparent?: string): { traceId: string; headers: Record<string, string> } {
  requestCounter += 1;
  const traceId = `traced-${process.pid}-${requestCounter}`;
  const headers: Record<string, string> = { 'x-portkey-config': JSON.stringify(config), 'x-portkey-trace-id': traceId };
  if (traceparent) headers.traceparent = traceparent;
  return { traceId, headers };
}

/** The record of `traceId` from the logs API, once it is written (just after the answer). */
export async function recordOf(gatewayUrl: string, traceId: string): Promise<RequestRecordV1> {
  for (let tries = 0; tries < 100; tries += 1) {
    const response = await fetch(`${gatewayUrl}/public/api/logs/${traceId}`);
    if (response.status === 200) return response.json() as Promise<RequestRecordV1>;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no record for ${traceId}`);
}

const serverSpanOf = (spans: CollectedSpan[]) => spans.filter((span) => span.kind === otlpSpanKind.server);
const clientSpanWithId = (spans: CollectedSpan[], spanId: string) => spans.find((span) => span.kind === otlpSpanKind.client && span.spanId === spanId);

/**
 * One SERVER span with the record's ids, one CLIENT span per upstream call (the record's attempts,
 * by id) under it and inside its time, and each call's `traceparent` naming its own client span.
 */
export function expectTraceOfRecord(spans: CollectedSpan[], record: RequestRecordV1, upstreamCalls: RecordedRequest[]): { server: CollectedSpan; clients: CollectedSpan[] } {
  const ids = record.span!;
  expect(spans).toHaveLength(1 + record.attempts.length);
  const servers = serverSpanOf(spans);
  expect(servers).toHaveLength(1);
  const server = servers[0]!;
  expect(server).toMatchObject({ traceId: ids.trace_id, spanId: ids.span_id, parentSpanId: ids.parent_span_id ?? '', name: 'POST /v1/chat/completions' });
  expect(server.attributes['ai_gateway.trace_id']).toBe(record.trace_id);

  expect(upstreamCalls).toHaveLength(record.attempts.length);
  const clients = record.attempts.map((attempt, index) => {
    const client = clientSpanWithId(spans, attempt.span_id!);
    expect(client, `the client span of attempt ${index}`).toBeDefined();
    expect(client!.traceId).toBe(ids.trace_id);
    expect(client!.parentSpanId).toBe(server.spanId);
    // A call runs within the request, as a trace view draws it.
    expect(client!.startTimeUnixNano).toBeGreaterThanOrEqual(server.startTimeUnixNano);
    expect(client!.endTimeUnixNano).toBeLessThanOrEqual(server.endTimeUnixNano);
    expect(upstreamCalls[index]!.headers.traceparent).toBe(`00-${ids.trace_id}-${attempt.span_id}-01`);
    return client!;
  });
  return { server, clients };
}

/** What the call that answered carries: the GenAI convention's attributes, the model the upstream named and its usage. */
export function expectAnsweringCall(client: CollectedSpan, usage: { input: number; output: number }): void {
  expect(client.status.code).toBe(otlpStatusCode.unset);
  expect(client.name).toBe('chat gpt-4o-mini');
  expect(client.attributes).toMatchObject({
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.response.model': answeredModel,
    'gen_ai.usage.input_tokens': usage.input,
    'gen_ai.usage.output_tokens': usage.output,
    'http.response.status_code': 200,
    'ai_gateway.attempt.outcome': 'success',
  });
  expect(client.attributes).not.toHaveProperty('error.type');
}
