/**
 * The same sink on the real Bun runtime (the `bun` npm package's binary): the OpenTelemetry
 * exporters run there unchanged, both protocols reach a local collector, and a collector that is
 * down is reported without failing.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startMockUpstream, type MockUpstream } from '@ai-gateway/testing';
import { decodeTraceExport } from './otlp-trace-decoder.js';
import { allRecordsSpanCount, callerSpanId, fallbackRecord } from './traced-records.js';

const bunBinary = join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'bin/bun.exe');
const script = fileURLToPath(new URL('./fixtures/otel-bun/export-records.ts', import.meta.url));

/** Runs the export under Bun; resolves with what it printed once it exited cleanly. */
async function exportUnderBun(environment: Record<string, string>): Promise<{ warnings: string[] }> {
  const child = spawn(bunBinary, ['--conditions=source', script], { env: { PATH: process.env.PATH, ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (errors += chunk));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`bun exited with ${code}: ${errors}`);
  return JSON.parse(output);
}

let collector: MockUpstream;
beforeAll(async () => {
  collector = await startMockUpstream((request, response) => {
    const json = String(request.headers['content-type']).startsWith('application/json');
    response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
    response.end(json ? '{}' : undefined);
  });
});
afterAll(() => collector.close());

describe('the OpenTelemetry sink under Bun', () => {
  for (const protocol of ['http/protobuf', 'http/json']) {
    it(`exports the spans over ${protocol}`, async () => {
      collector.requests.length = 0;
      const { warnings } = await exportUnderBun({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.origin, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=bun' });
      expect(warnings).toEqual([]);
      expect(collector.requests).toHaveLength(1);
      expect(collector.requests[0]!.headers['x-tenant']).toBe('bun');
      const spans = decodeTraceExport(collector.requests[0]!);
      expect(spans).toHaveLength(allRecordsSpanCount);
      const server = spans.find((span) => span.spanId === fallbackRecord.span!.span_id)!;
      expect(server).toMatchObject({ parentSpanId: callerSpanId, name: 'POST /v1/chat/completions', resource: { 'service.name': 'ai-gateway' } });
      expect(spans.filter((span) => span.parentSpanId === server.spanId).map((span) => span.name)).toEqual(['chat gpt-4o', 'chat claude-sonnet-4-5']);
    });
  }

  it('reports a collector that is down and exits cleanly', async () => {
    const { warnings } = await exportUnderBun({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await closedPort()}`, OTEL_EXPORTER_OTLP_TIMEOUT: '300' });
    expect(warnings).toEqual(['[ai-gateway] [otel] exporting spans failed; they are dropped, the gateway goes on']);
  });
});
