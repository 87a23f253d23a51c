/**
 * The end-to-end traces on the real Bun runtime (the `bun` npm package's binary): runtime-bun's
 * gateway with the OpenTelemetry sink from this package, driven by the official openai SDK, exports
 * to a local OTLP/HTTP collector what the Node gateway does, and sends each upstream call its span.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failing, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { startOtlpCollector, type OtlpCollector } from './otlp-collector.js';
import {
  answeredModel, answeringUpstream, callerTraceparent, clientOf, expectAnsweringCall, expectTraceOfRecord, question, recordOf, requestHeaders,
  streamedPieceCount, streamedUpstream, target,
} from './traced-exchanges.js';

const bunBinary = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe');
const script = fileURLToPath(new URL('./fixtures/otel-bun/serve-traced-gateway.ts', import.meta.url));

/** Starts the Bun gateway; resolves with its URL once it listens. */
async function startBunGateway(environment: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(bunBinary, ['--conditions=source', script], { env: { PATH: process.env.PATH, ...environment }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bun exited with ${code} before listening: ${output}`)));
  });
  return { url, child };
}

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
  describe(`the Bun gateway's traces over OTLP ${protocol}`, () => {
    let collector: OtlpCollector;
    let gateway: { url: string; child: ChildProcess };
    beforeAll(async () => {
      collector = await startOtlpCollector();
      gateway = await startBunGateway({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, OTEL_EXPORTER_OTLP_PROTOCOL: protocol });
    });
    afterAll(async () => {
      if (gateway && gateway.child.exitCode === null) {
        gateway.child.kill('SIGTERM');
        await once(gateway.child, 'exit');
      }
      await collector?.close();
    });

    it("continues the caller's trace through a fallback, each call carrying its own span", async () => {
      upstream.setHandler(failing(500));
      const caller = callerTraceparent();
      const { traceId, headers } = requestHeaders({ strategy: { mode: 'fallback' }, targets: [target(upstream), target(spare)] }, caller.traceparent);
      await clientOf(gateway.url).chat.completions.create(question, { headers });

      const record = await recordOf(gateway.url, traceId);
      const spans = await collector.spansOfTrace(caller.traceId, 3);
      const { server, clients: [failedCall, answeringCall] } = expectTraceOfRecord(spans, record, [upstream.requests[0]!, spare.requests[0]!]);
      expect(server.parentSpanId).toBe(caller.spanId);
      expect(server.attributes).toMatchObject({ 'ai_gateway.fallback': true, 'gen_ai.response.model': answeredModel });
      expect(failedCall!.attributes).toMatchObject({ 'error.type': '500', 'ai_gateway.attempt.outcome': 'fallback' });
      expectAnsweringCall(answeringCall!, { input: 9, output: 5 });
    });

    it('ends the server span of a stream with its last chunk', async () => {
      upstream.setHandler(streamedUpstream);
      const { traceId, headers } = requestHeaders(target(upstream));
      const stream = await clientOf(gateway.url).chat.completions.create({ ...question, stream: true, stream_options: { include_usage: true } }, { headers });
      for await (const chunk of stream) void chunk;

      const record = await recordOf(gateway.url, traceId);
      const spans = await collector.spansOfTrace(record.span!.trace_id, 2);
      const { server, clients: [answeringCall] } = expectTraceOfRecord(spans, record, upstream.requests);
      expect(server.parentSpanId).toBe('');
      expectAnsweringCall(answeringCall!, { input: 9, output: streamedPieceCount });
      expect(Number(server.endTimeUnixNano - answeringCall!.endTimeUnixNano) / 1e6).toBeGreaterThan(100);
    });
  });
}
