/**
 * `GET /metrics` through the Node gateway, scraped and parsed as Prometheus would: each kind of
 * request (an answer, a fallback after a 500, a retry, a cache hit, a stream) moves exactly the
 * series it should, the in-flight gauge comes back to 0, and client-chosen model names cannot grow
 * the number of series past the cap.
 */
import { describe, expect, it } from 'vitest';
import { failing, hanging, healthy, parseExposition, postChat, sequence, target, type Exposition } from '@ai-gateway/testing';
import type { RunningGateway } from '../src/index.js';
import { useHarness } from './node-harness.js';

async function scrape(gateway: RunningGateway): Promise<Exposition> {
  const response = await fetch(`${gateway.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(await response.text());
}

function requestsCounted(exposition: Exposition): number {
  return exposition.series('ai_gateway_requests_total').reduce((sum, sample) => sum + sample.value, 0);
}

/** Scrapes until every one of `requests` is counted (a stream's record is built when it ends, just after the client read it). */
async function scrapeCounting(gateway: RunningGateway, requests: number): Promise<Exposition> {
  for (let tries = 0; tries < 100; tries += 1) {
    const exposition = await scrape(gateway);
    if (requestsCounted(exposition) >= requests) return exposition;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`/metrics never counted ${requests} requests`);
}

/** What the chat operation's series of `model` at openai are labelled. */
const chat = (model: string, extra: Record<string, string> = {}) => ({ gen_ai_operation_name: 'chat', gen_ai_provider_name: 'openai', gen_ai_request_model: model, ...extra });

describe('/metrics after requests of every kind', () => {
  const harness = useHarness(2);
  let sent = 0;

  /** Sends a chat request for `model` and reads its answer to the end. */
  async function request(model: string, config: unknown, body: Record<string, unknown> = {}): Promise<Response> {
    const response = await postChat(harness.gateway, config, { body: { model, ...body } });
    await response.text();
    sent += 1;
    return response;
  }

  it('counts answered requests, their upstream calls and their tokens', async () => {
    const [upstream] = harness.upstreams;
    for (let index = 0; index < 3; index += 1) expect((await request('metrics-ok', target(upstream))).status).toBe(200);
    const metrics = await scrapeCounting(harness.gateway, sent);
    expect(metrics.value('ai_gateway_requests_total', { provider: 'openai', model: 'metrics-ok', status_code: '200', cache_status: 'DISABLED' })).toBe(3);
    expect(metrics.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'metrics-ok', outcome: 'success' })).toBe(3);
    expect(metrics.histogram('gen_ai_client_operation_duration_seconds', chat('metrics-ok'))?.count).toBe(3);
    // The mock answers 9 prompt and 5 completion tokens.
    expect(metrics.histogram('gen_ai_client_token_usage', chat('metrics-ok', { gen_ai_token_type: 'input' }))).toMatchObject({ count: 3, sum: 27 });
    expect(metrics.histogram('gen_ai_client_token_usage', chat('metrics-ok', { gen_ai_token_type: 'output' }))).toMatchObject({ count: 3, sum: 15 });
    expect(metrics.families.get('gen_ai_client_operation_duration_seconds')?.type).toBe('histogram');
    expect(metrics.families.get('ai_gateway_requests_total')?.type).toBe('counter');
  });

  it('counts a fallback after a 500 as one request and two calls, the failed one by its status', async () => {
    const [first, second] = harness.upstreams;
    first.setHandler(failing(500));
    const response = await request('metrics-fallback', { strategy: { mode: 'fallback' }, targets: [target(first), target(second)] });
    expect(response.status).toBe(200);
    const metrics = await scrapeCounting(harness.gateway, sent);
    expect(metrics.value('ai_gateway_requests_total', { provider: 'openai', model: 'metrics-fallback', status_code: '200', cache_status: 'DISABLED' })).toBe(1);
    expect(metrics.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'metrics-fallback', outcome: 'fallback' })).toBe(1);
    expect(metrics.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'metrics-fallback', outcome: 'success' })).toBe(1);
    expect(metrics.histogram('gen_ai_client_operation_duration_seconds', chat('metrics-fallback', { error_type: '500' }))?.count).toBe(1);
    expect(metrics.histogram('gen_ai_client_operation_duration_seconds', chat('metrics-fallback'))?.count).toBe(1);
    expect(metrics.histogram('gen_ai_client_token_usage', chat('metrics-fallback', { gen_ai_token_type: 'input' }))?.count).toBe(1);
  });

  it('counts a retried call as a retry and the call after it as a success', async () => {
    const [upstream] = harness.upstreams;
    upstream.setHandler(sequence(failing(503), failing(503), healthy));
    const response = await request('metrics-retry', target(upstream, { retry: { attempts: 2 } }));
    expect(response.status).toBe(200);
    const metrics = await scrapeCounting(harness.gateway, sent);
    expect(metrics.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'metrics-retry', outcome: 'retry' })).toBe(2);
    expect(metrics.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'metrics-retry', outcome: 'success' })).toBe(1);
    expect(metrics.histogram('gen_ai_client_operation_duration_seconds', chat('metrics-retry', { error_type: '503' }))?.count).toBe(2);
    expect(metrics.value('ai_gateway_requests_total', { provider: 'openai', model: 'metrics-retry', status_code: '200', cache_status: 'DISABLED' })).toBe(1);
  });

  it('counts a cache hit as a request, without an upstream call or tokens', async () => {
    const [upstream] = harness.upstreams;
    const config = target(upstream, { cache: { mode: 'simple' } });
    const body = { messages: [{ role: 'user', content: `cache me ${process.pid}` }] };
    await request('metrics-cache', config, body);
    const hit = await request('metrics-cache', config, body);
    expect(hit.headers.get('x-portkey-cache-status')).toBe('HIT');
    const metrics = await scrapeCounting(harness.gateway, sent);
    expect(metrics.value('ai_gateway_requests_total', { provider: 'openai', model: 'metrics-cache', status_code: '200', cache_status: 'MISS' })).toBe(1);
    // No target answered a hit, so it has no provider (docs/metrics.md: the label is left out).
    expect(metrics.value('ai_gateway_requests_total', { model: 'metrics-cache', status_code: '200', cache_status: 'HIT' })).toBe(1);
    expect(metrics.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'metrics-cache', outcome: 'success' })).toBe(1);
    expect(metrics.histogram('gen_ai_client_operation_duration_seconds', chat('metrics-cache'))?.count).toBe(1);
    expect(metrics.histogram('gen_ai_client_token_usage', chat('metrics-cache', { gen_ai_token_type: 'input' }))).toMatchObject({ count: 1, sum: 9 });
  });

  it('counts a stream with its tokens and its time to the first token', async () => {
    const [upstream] = harness.upstreams;
    const response = await request('metrics-stream', target(upstream), { stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const metrics = await scrapeCounting(harness.gateway, sent);
    expect(metrics.value('ai_gateway_requests_total', { provider: 'openai', model: 'metrics-stream', status_code: '200', cache_status: 'DISABLED' })).toBe(1);
    expect(metrics.histogram('ai_gateway_time_to_first_token_seconds', { provider: 'openai', model: 'metrics-stream' })?.count).toBe(1);
    // The mock streams four pieces after a prompt of 9 tokens.
    expect(metrics.histogram('gen_ai_client_token_usage', chat('metrics-stream', { gen_ai_token_type: 'input' }))).toMatchObject({ count: 1, sum: 9 });
    expect(metrics.histogram('gen_ai_client_token_usage', chat('metrics-stream', { gen_ai_token_type: 'output' }))).toMatchObject({ count: 1, sum: 4 });
  });

  it('has as many requests in flight as are running, and 0 once they ended', async () => {
    const [upstream] = harness.upstreams;
    upstream.setHandler(hanging);
    const controller = new AbortController();
    const running = postChat(harness.gateway, target(upstream), { body: { model: 'metrics-in-flight' }, signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await scrape(harness.gateway)).value('ai_gateway_in_flight_requests', {})).toBe(1);
    controller.abort();
    await running;
    sent += 1;
    const metrics = await scrapeCounting(harness.gateway, sent);
    expect(metrics.value('ai_gateway_requests_total', { provider: 'openai', model: 'metrics-in-flight', status_code: '499', cache_status: 'DISABLED' })).toBe(1);
    expect(metrics.value('ai_gateway_in_flight_requests', {})).toBe(0);
    expect(requestsCounted(metrics)).toBe(sent);
  });
});

describe('/metrics with clients naming many models', () => {
  const harness = useHarness(1, { metrics: { maxLabelValues: 20 } });

  it('keeps the first 20 model names and counts the others as other', async () => {
    const [upstream] = harness.upstreams;
    for (let index = 0; index < 150; index += 1) {
      const response = await postChat(harness.gateway, target(upstream), { body: { model: `client-model-${index}` } });
      await response.text();
    }
    const metrics = await scrapeCounting(harness.gateway, 150);
    const requestsByModel = Object.fromEntries(metrics.series('ai_gateway_requests_total').map((sample) => [sample.labels.model, sample.value]));
    expect(Object.keys(requestsByModel)).toHaveLength(21);
    expect(requestsByModel.other).toBe(130);
    expect(requestsByModel['client-model-19']).toBe(1);
    expect(requestsByModel['client-model-20']).toBeUndefined();
    const durationModels = new Set(metrics.series('gen_ai_client_operation_duration_seconds_count').map((sample) => sample.labels.gen_ai_request_model));
    expect(durationModels.size).toBe(21);
    expect(metrics.histogram('gen_ai_client_operation_duration_seconds', chat('other'))?.count).toBe(130);
  });
});
