/** The HTTP log sink against a real collector on 127.0.0.1. */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayLogger } from '../logger.js';
import { createHttpLogSink } from './http-log-sink.js';
import { attempt, requestRecord } from '../../test/request-records.js';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Collector {
  url: string;
  port: number;
  deliveries: Delivery[];
  /** The records of every delivery the collector answered 2xx, in order. */
  accepted(): RequestRecordV1[];
  close(): Promise<void>;
}

type Answer = (delivery: Delivery, response: ServerResponse) => void;
const ok: Answer = (_delivery, response) => response.writeHead(204).end();

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function startCollector(answer: Answer = ok, port = 0): Promise<Collector> {
  const deliveries: Delivery[] = [];
  const acceptedBodies: string[] = [];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const delivery = { headers: request.headers, body };
    deliveries.push(delivery);
    response.on('finish', () => {
      if (response.statusCode < 300) acceptedBodies.push(body);
    });
    answer(delivery, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/ingest`,
    port: bound,
    deliveries,
    accepted: () => acceptedBodies.flatMap((body) => body.trimEnd().split('\n').map((line) => JSON.parse(line))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function recordingLogger(): GatewayLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, warn: (message) => warnings.push(message) };
}

function record(index: number): RequestRecordV1 {
  const startedAt = 1_760_000_000_000 + index;
  return requestRecord({
    trace_id: `trace-${index}`,
    time: new Date(startedAt).toISOString(),
    started_at: startedAt,
    metadata: { team: 'search' },
    model: 'gpt-4o',
    response_model: 'gpt-4o-2024-08-06',
    config_path: null,
    attempts: [attempt({ model: 'gpt-4o', started_at: startedAt })],
    tokens: { input: 12, output: 5, cached: 0, reasoning: null },
    cost: 0.00008,
    request_headers: { 'content-type': 'application/json' },
    request: { text: '{"model":"gpt-4o"}', bytes: 18, truncated: false },
    response: { text: null, bytes: 300, truncated: false },
  });
}

const records = (from: number, count: number) => Array.from({ length: count }, (_, offset) => record(from + offset));
const traceIds = (list: readonly RequestRecordV1[]) => list.map((item) => item.trace_id);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createHttpLogSink', () => {
  it('POSTs each write as JSON lines, split by maxBatch, with the operator headers', async () => {
    const collector = await startCollector();
    const sink = createHttpLogSink({ url: collector.url, headers: { authorization: 'Bearer collector-token' }, maxBatch: 2 });
    expect(sink.name).toBe('http');
    sink.write(records(0, 3));
    sink.write(records(3, 1));
    await sink.flush!();

    expect(collector.deliveries.map((delivery) => delivery.body.trimEnd().split('\n').length)).toEqual([2, 1, 1]);
    for (const delivery of collector.deliveries) {
      expect(delivery.headers['content-type']).toBe('application/x-ndjson');
      expect(delivery.headers.authorization).toBe('Bearer collector-token');
      expect(delivery.body.endsWith('\n')).toBe(true);
    }
    expect(collector.accepted()).toEqual(records(0, 4));
  });

  it('keeps the records while the collector is down and sends them once it is up', async () => {
    const port = await closedPort();
    const logger = recordingLogger();
    const sink = createHttpLogSink({ url: `http://127.0.0.1:${port}/ingest`, retries: 6, retryDelayMs: 50, logger });
    sink.write(records(0, 3));
    // The first tries are refused; the collector comes up on that port while the sink backs off.
    await new Promise((resolve) => setTimeout(resolve, 120));
    const collector = await startCollector(ok, port);
    sink.write(records(3, 2));
    await sink.flush!();

    expect(traceIds(collector.accepted())).toEqual(traceIds(records(0, 5)));
    expect(logger.warnings).toEqual([]);
  });

  it('tries a batch again after a 503, and gives up on it after its retries, telling the operator', async () => {
    let answered = 0;
    const collector = await startCollector((_delivery, response) => {
      answered++;
      response.writeHead(answered <= 2 ? 503 : 200).end();
    });
    const logger = recordingLogger();
    const sink = createHttpLogSink({ url: collector.url, retries: 2, retryDelayMs: 10, logger });
    sink.write(records(0, 2));
    await sink.flush!();
    expect(collector.deliveries).toHaveLength(3);
    expect(traceIds(collector.accepted())).toEqual(['trace-0', 'trace-1']);

    answered = 0;
    collector.deliveries.length = 0;
    const down = createHttpLogSink({ url: collector.url, retries: 1, retryDelayMs: 10, logger });
    down.write(records(5, 2));
    await down.flush!();
    expect(collector.deliveries).toHaveLength(2);
    expect(logger.warnings).toEqual([expect.stringMatching(/gave up on 2 request records after 2 tries: 127\.0\.0\.1:\d+ answered 503/)]);
  });

  it('does not send again a batch the collector refused with a 4xx', async () => {
    const collector = await startCollector((_delivery, response) => response.writeHead(400).end('bad line'));
    const logger = recordingLogger();
    const sink = createHttpLogSink({ url: collector.url, retryDelayMs: 10, logger });
    sink.write(records(0, 1));
    await sink.flush!();
    expect(collector.deliveries).toHaveLength(1);
    expect(logger.warnings).toEqual([expect.stringMatching(/after 1 tries: .* answered 400/)]);
  });

  it('holds at most maxBufferedRecords while the collector is slow, dropping the oldest and saying how many', async () => {
    const held: ServerResponse[] = [];
    const collector = await startCollector((_delivery, response) => {
      if (held.length === 0) held.push(response);
      else response.writeHead(204).end();
    });
    const logger = recordingLogger();
    const sink = createHttpLogSink({ url: collector.url, maxBatch: 5, maxBufferedRecords: 10, logger });
    // The first batch is in flight and held; the rest wait behind it.
    sink.write(records(0, 5));
    while (collector.deliveries.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    for (let index = 5; index < 55; index += 5) sink.write(records(index, 5));
    held[0].writeHead(204).end();
    await sink.flush!();

    // The held batch, then only the newest ten.
    expect(traceIds(collector.accepted())).toEqual(traceIds([...records(0, 5), ...records(45, 10)]));
    const dropped = logger.warnings.map((warning) => Number(/dropped (\d+) request records/.exec(warning)?.[1] ?? 0));
    expect(dropped.reduce((sum, count) => sum + count, 0)).toBe(40);
  });

  it('flush waits for every buffered record, and gives up on a collector that does not answer', async () => {
    const collector = await startCollector((_delivery, response) => setTimeout(() => response.writeHead(204).end(), 100));
    const sink = createHttpLogSink({ url: collector.url, maxBatch: 1 });
    sink.write(records(0, 3));
    await sink.flush!();
    expect(collector.accepted()).toHaveLength(3);
    await sink.flush!();

    const silent = await startCollector(() => {});
    const logger = recordingLogger();
    const stalled = createHttpLogSink({ url: silent.url, retries: 0, timeoutMs: 200, logger });
    stalled.write(records(0, 1));
    const started = Date.now();
    await stalled.flush!();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(logger.warnings).toEqual([expect.stringMatching(/did not answer within 200 ms/)]);
  });

  it('never tells the logger the headers it sends', async () => {
    const collector = await startCollector((_delivery, response) => response.writeHead(500).end());
    const logger = recordingLogger();
    const sink = createHttpLogSink({ url: collector.url, headers: { authorization: 'Bearer collector-token' }, retries: 0, logger });
    sink.write(records(0, 1));
    await sink.flush!();
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings.join('\n')).not.toContain('collector-token');
  });

  it('refuses options that cannot work', () => {
    expect(() => createHttpLogSink({ url: 'collector:9000' })).toThrow(/\[http log sink\] url must be http or https/);
    expect(() => createHttpLogSink({ url: '/ingest' })).toThrow(/\[http log sink\] url must be an absolute/);
    expect(() => createHttpLogSink({ url: 'http://127.0.0.1/', maxBatch: 0 })).toThrow(/maxBatch/);
    expect(() => createHttpLogSink({ url: 'https://user:secret@logs.example.com/' })).toThrow(/must not hold credentials/);
  });
});
