import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../test/parse-exposition.js';
import { attempt, requestRecord } from '../../../test/request-records.js';
import { createGatewayMetrics } from './gateway-metrics.js';

const chatLabels = { gen_ai_operation_name: 'chat', gen_ai_provider_name: 'openai', gen_ai_request_model: 'gpt-4o-mini' };

describe('createGatewayMetrics: requests', () => {
  it('counts each record once by provider, model, status and cache status', () => {
    const metrics = createGatewayMetrics();
    for (let index = 0; index < 7; index++) metrics.observe(requestRecord());
    for (let index = 0; index < 2; index++) metrics.observe(requestRecord({ status: 429, error: { message: 'rate limited', type: null, code: null } }));
    metrics.observe(requestRecord({ provider: 'anthropic', model: 'claude-sonnet-4-5', attempts: [attempt({ provider: 'anthropic', model: 'claude-sonnet-4-5' })] }));

    const exposition = parseExposition(metrics.render());
    expect(exposition.value('ai_gateway_requests_total', { provider: 'openai', model: 'gpt-4o-mini', status_code: '200', cache_status: 'DISABLED' })).toBe(7);
    expect(exposition.value('ai_gateway_requests_total', { provider: 'openai', model: 'gpt-4o-mini', status_code: '429', cache_status: 'DISABLED' })).toBe(2);
    expect(exposition.value('ai_gateway_requests_total', { provider: 'anthropic', model: 'claude-sonnet-4-5', status_code: '200', cache_status: 'DISABLED' })).toBe(1);
    expect(exposition.series('ai_gateway_requests_total')).toHaveLength(3);
  });

  it('takes the model from the answering target when the request named none', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ model: null, attempts: [attempt({ model: 'gpt-4.1' })] }));
    const exposition = parseExposition(metrics.render());
    expect(exposition.value('ai_gateway_requests_total', { provider: 'openai', model: 'gpt-4.1', status_code: '200', cache_status: 'DISABLED' })).toBe(1);
    expect(exposition.histogram('gen_ai_client_operation_duration_seconds', { ...chatLabels, gen_ai_request_model: 'gpt-4.1' })?.count).toBe(1);
  });

  it('leaves a label out when the record has no value for it (a request refused before routing)', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ provider: null, model: null, attempts: [], status: 400, tokens: { input: null, output: null, cached: null, reasoning: null }, cost: null }));
    const exposition = parseExposition(metrics.render());
    expect(exposition.value('ai_gateway_requests_total', { status_code: '400', cache_status: 'DISABLED' })).toBe(1);
    expect(exposition.series('gen_ai_client_operation_duration_seconds_count')).toEqual([]);
    expect(exposition.series('gen_ai_client_token_usage_count')).toEqual([]);
  });
});

describe('createGatewayMetrics: upstream attempts', () => {
  // A retry on 429, a fallback after a 503, a target skipped for its open circuit, then an answer.
  const throughFallbacks = requestRecord({
    provider: 'anthropic',
    model: 'gpt-4o-mini',
    config_path: 'config.targets[2]',
    attempts: [
      attempt({ target: 'config.targets[0]', outcome: 'retry', status: 429, latency_ms: 30, error: 'rate limited' }),
      attempt({ target: 'config.targets[0]', outcome: 'fallback', status: 503, latency_ms: 50, error: 'overloaded' }),
      attempt({ target: 'config.targets[1]', provider: 'azure-openai', outcome: 'circuit_open', status: 503, latency_ms: 0, error: 'circuit open' }),
      attempt({ target: 'config.targets[2]', provider: 'anthropic', model: 'claude-haiku-4-5', outcome: 'success', status: 200, latency_ms: 700 }),
    ],
  });

  it('counts every attempt by its outcome, circuit skips included', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(throughFallbacks);
    metrics.observe(throughFallbacks);
    const exposition = parseExposition(metrics.render());
    expect(exposition.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'gpt-4o-mini', outcome: 'retry' })).toBe(2);
    expect(exposition.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'gpt-4o-mini', outcome: 'fallback' })).toBe(2);
    expect(exposition.value('ai_gateway_upstream_attempts_total', { provider: 'azure-openai', model: 'gpt-4o-mini', outcome: 'circuit_open' })).toBe(2);
    expect(exposition.value('ai_gateway_upstream_attempts_total', { provider: 'anthropic', model: 'claude-haiku-4-5', outcome: 'success' })).toBe(2);
    expect(exposition.series('ai_gateway_upstream_attempts_total')).toHaveLength(4);
  });

  it('times every upstream call but not a circuit skip, with the failed ones by error_type', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(throughFallbacks);
    const exposition = parseExposition(metrics.render());
    const rateLimited = exposition.histogram('gen_ai_client_operation_duration_seconds', { ...chatLabels, error_type: '429' });
    expect(rateLimited).toMatchObject({ count: 1 });
    expect(rateLimited?.sum).toBeCloseTo(0.03, 9);
    expect(exposition.histogram('gen_ai_client_operation_duration_seconds', { ...chatLabels, error_type: '503' })?.count).toBe(1);
    const answered = exposition.histogram('gen_ai_client_operation_duration_seconds', { gen_ai_operation_name: 'chat', gen_ai_provider_name: 'anthropic', gen_ai_request_model: 'claude-haiku-4-5' });
    expect(answered?.count).toBe(1);
    expect(answered?.sum).toBeCloseTo(0.7, 9);
    // The skipped azure-openai target made no call: no series under its convention name.
    expect(exposition.series('gen_ai_client_operation_duration_seconds_count').map((sample) => sample.labels.gen_ai_provider_name)).not.toContain('azure.ai.openai');
    expect(exposition.series('gen_ai_client_operation_duration_seconds_count')).toHaveLength(3);
  });

  it('gives a failure without an error status the error_type _OTHER', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ stream: true, error: { message: 'stream cut', type: null, code: null }, attempts: [attempt({ outcome: 'error', status: 200, error: 'stream cut' })] }));
    metrics.observe(requestRecord({ status: 408, attempts: [attempt({ outcome: 'error', status: 408, latency_ms: 30_000, error: 'timed out' })] }));
    const exposition = parseExposition(metrics.render());
    expect(exposition.histogram('gen_ai_client_operation_duration_seconds', { ...chatLabels, error_type: '_OTHER' })?.count).toBe(1);
    expect(exposition.histogram('gen_ai_client_operation_duration_seconds', { ...chatLabels, error_type: '408' })?.count).toBe(1);
    expect(exposition.value('ai_gateway_upstream_attempts_total', { provider: 'openai', model: 'gpt-4o-mini', outcome: 'error' })).toBe(2);
  });

  it('names providers and operations as the GenAI conventions do', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ provider: 'azure-openai', endpoint: 'embed', model: 'text-embedding-3-small', attempts: [attempt({ provider: 'azure-openai', model: 'text-embedding-3-small' })] }));
    const exposition = parseExposition(metrics.render());
    const labels = { gen_ai_operation_name: 'embeddings', gen_ai_provider_name: 'azure.ai.openai', gen_ai_request_model: 'text-embedding-3-small' };
    expect(exposition.histogram('gen_ai_client_operation_duration_seconds', labels)?.count).toBe(1);
    expect(exposition.histogram('gen_ai_client_token_usage', { ...labels, gen_ai_token_type: 'input' })?.count).toBe(1);
    // The gateway's own metrics keep the gateway's provider id.
    expect(exposition.value('ai_gateway_requests_total', { provider: 'azure-openai', model: 'text-embedding-3-small', status_code: '200', cache_status: 'DISABLED' })).toBe(1);
  });
});

describe('createGatewayMetrics: tokens, cost, time to first token', () => {
  it('observes input and output tokens once per request, only the known ones', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ tokens: { input: 10, output: 200, cached: null, reasoning: null } }));
    metrics.observe(requestRecord({ tokens: { input: 3000, output: null, cached: null, reasoning: null } }));
    const exposition = parseExposition(metrics.render());
    const input = exposition.histogram('gen_ai_client_token_usage', { ...chatLabels, gen_ai_token_type: 'input' });
    expect(input).toMatchObject({ count: 2, sum: 3010 });
    expect(Object.fromEntries(input?.buckets ?? [])).toMatchObject({ '4': 0, '16': 1, '1024': 1, '4096': 2, '+Inf': 2 });
    expect(exposition.histogram('gen_ai_client_token_usage', { ...chatLabels, gen_ai_token_type: 'output' })).toMatchObject({ count: 1, sum: 200 });
  });

  it('adds the known costs and nothing for unknown ones', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ cost: 0.25 }));
    metrics.observe(requestRecord({ cost: 0.5 }));
    metrics.observe(requestRecord({ cost: null }));
    const exposition = parseExposition(metrics.render());
    expect(exposition.value('ai_gateway_cost_usd_total', { provider: 'openai', model: 'gpt-4o-mini' })).toBeCloseTo(0.75, 12);
  });

  it('counts an answer from the cache as a request with no attempt, no tokens and no cost', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ cache_status: 'HIT', attempts: [], stream: true, ttfb_ms: 1, latency_ms: 2, cost: 0.5 }));
    const exposition = parseExposition(metrics.render());
    expect(exposition.value('ai_gateway_requests_total', { provider: 'openai', model: 'gpt-4o-mini', status_code: '200', cache_status: 'HIT' })).toBe(1);
    expect(exposition.series('ai_gateway_upstream_attempts_total')).toEqual([]);
    expect(exposition.series('gen_ai_client_operation_duration_seconds_count')).toEqual([]);
    expect(exposition.series('gen_ai_client_token_usage_count')).toEqual([]);
    expect(exposition.series('ai_gateway_cost_usd_total')).toEqual([]);
    expect(exposition.series('ai_gateway_time_to_first_token_seconds_count')).toEqual([]);
  });

  it('times the first token of streamed answers only', () => {
    const metrics = createGatewayMetrics();
    metrics.observe(requestRecord({ stream: true, ttfb_ms: 250 }));
    metrics.observe(requestRecord({ stream: true, ttfb_ms: 1500 }));
    metrics.observe(requestRecord({ stream: false, ttfb_ms: 900 }));
    metrics.observe(requestRecord({ stream: true, status: 502, ttfb_ms: 40, error: { message: 'bad gateway', type: null, code: null } }));
    const exposition = parseExposition(metrics.render());
    const firstToken = exposition.histogram('ai_gateway_time_to_first_token_seconds', { provider: 'openai', model: 'gpt-4o-mini' });
    expect(firstToken?.count).toBe(2);
    expect(firstToken?.sum).toBeCloseTo(1.75, 9);
    expect(Object.fromEntries(firstToken?.buckets ?? [])).toMatchObject({ '0.16': 0, '0.32': 1, '1.28': 1, '2.56': 2 });
  });
});

describe('createGatewayMetrics: in-flight requests', () => {
  it('rises and falls with requestStarted and requestEnded', () => {
    const metrics = createGatewayMetrics();
    expect(parseExposition(metrics.render()).value('ai_gateway_in_flight_requests', {})).toBe(0);
    metrics.requestStarted();
    metrics.requestStarted();
    metrics.requestStarted();
    metrics.requestEnded();
    expect(parseExposition(metrics.render()).value('ai_gateway_in_flight_requests', {})).toBe(2);
    metrics.requestEnded();
    metrics.requestEnded();
    expect(parseExposition(metrics.render()).value('ai_gateway_in_flight_requests', {})).toBe(0);
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => createGatewayMetrics({ maxLabelValues: 0 })).toThrow(/maxLabelValues/);
    expect(() => createGatewayMetrics({ maxLabelValues: 2.5 })).toThrow(/maxLabelValues/);
  });
});
