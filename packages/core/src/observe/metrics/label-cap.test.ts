import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../test/parse-exposition.js';
import { attempt, requestRecord } from '../../../test/request-records.js';
import { createGatewayMetrics } from './gateway-metrics.js';

function modelRequest(model: string, provider = 'openai') {
  return requestRecord({ provider, model, attempts: [attempt({ provider, model })] });
}

describe('the cardinality cap', () => {
  it('counts models past the cap as other, and keeps the first ones by name', () => {
    const metrics = createGatewayMetrics({ maxLabelValues: 3 });
    for (const model of ['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-1', 'm-6']) metrics.observe(modelRequest(model));
    const exposition = parseExposition(metrics.render());

    const requestsByModel = Object.fromEntries(exposition.series('ai_gateway_requests_total').map((sample) => [sample.labels.model, sample.value]));
    expect(requestsByModel).toEqual({ 'm-1': 2, 'm-2': 1, 'm-3': 1, other: 3 });
    // The GenAI metrics share the model's admitted values.
    const durationModels = exposition.series('gen_ai_client_operation_duration_seconds_count').map((sample) => sample.labels.gen_ai_request_model);
    expect(durationModels.sort()).toEqual(['m-1', 'm-2', 'm-3', 'other']);
    expect(exposition.histogram('gen_ai_client_operation_duration_seconds', { gen_ai_operation_name: 'chat', gen_ai_provider_name: 'openai', gen_ai_request_model: 'other' })?.count).toBe(3);
  });

  it('bounds providers too, and never adds series once every label is full', () => {
    const metrics = createGatewayMetrics({ maxLabelValues: 2 });
    for (let index = 0; index < 50; index++) metrics.observe(modelRequest(`model-${index}`, `provider-${index}`));
    const exposition = parseExposition(metrics.render());

    const providers = new Set(exposition.series('ai_gateway_requests_total').map((sample) => sample.labels.provider));
    expect([...providers].sort()).toEqual(['other', 'provider-0', 'provider-1']);
    expect(exposition.series('ai_gateway_requests_total')).toHaveLength(3);
    expect(exposition.value('ai_gateway_requests_total', { provider: 'other', model: 'other', status_code: '200', cache_status: 'DISABLED' })).toBe(48);
    expect(exposition.series('ai_gateway_upstream_attempts_total')).toHaveLength(3);
  });

  it('admits 100 models by default', () => {
    const metrics = createGatewayMetrics();
    for (let index = 0; index < 120; index++) metrics.observe(modelRequest(`model-${index}`));
    const models = exposition(metrics.render());
    expect(models.size).toBe(101);
    expect(models.has('model-99')).toBe(true);
    expect(models.has('model-100')).toBe(false);
    expect(models.has('other')).toBe(true);
  });
});

function exposition(text: string): Set<string> {
  return new Set(parseExposition(text).series('ai_gateway_requests_total').map((sample) => sample.labels.model));
}
