/**
 * The gateway's Prometheus metrics, computed from the request records: the OpenTelemetry GenAI
 * client metrics (`gen_ai_client_operation_duration_seconds`, `gen_ai_client_token_usage`) and the
 * gateway's own (`ai_gateway_*`). Nothing here runs on the request path but the in-flight gauge's
 * two increments; each record is read once, after its answer, and `render()` writes the text on scrape.
 */
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { genAiOperationName, genAiProviderName } from '../gen-ai-names.js';
import { answeringAttempt, attemptErrorType, knownTokenCount, madeUpstreamCall } from './attempt-facts.js';
import { durationBucketsSeconds, tokenBuckets } from './bucket-boundaries.js';
import { createCounterFamily } from './counter-family.js';
import { familyHeader } from './exposition-text.js';
import { createHistogramFamily } from './histogram-family.js';
import { createLabelCaps, defaultMaxLabelValues } from './label-cap.js';

export interface GatewayMetricsOptions {
  /**
   * Distinct values a label keeps before new ones are counted as `other` (per label: `provider`,
   * `model`, `status_code` ...). Default 100.
   */
  maxLabelValues?: number;
}

export interface GatewayMetrics {
  /** A request came in (O(1): one increment of the in-flight gauge). */
  requestStarted(): void;
  /** A request's answer ended, or the client went away (O(1)). */
  requestEnded(): void;
  /** Counts one finished request from its record. Call it off the request path, once per record. */
  observe(record: RequestRecordV1): void;
  /** Every metric in the Prometheus text exposition format 0.0.4 (serve it as `prometheusTextContentType`). */
  render(): string;
}

const genAiLabels = ['gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model'] as const;
const inFlightName = 'ai_gateway_in_flight_requests';
const inFlightHelp = 'Requests the gateway is handling now.';

/**
 * @example
 * ```ts
 * const metrics = createGatewayMetrics({ maxLabelValues: 200 });
 * metrics.requestStarted();
 * // ... the answer ends
 * metrics.requestEnded();
 * metrics.observe(record); // from the request log, after the answer
 * new Response(metrics.render(), { headers: { 'content-type': prometheusTextContentType } });
 * ```
 */
export function createGatewayMetrics(options: GatewayMetricsOptions = {}): GatewayMetrics {
  const maxLabelValues = options.maxLabelValues ?? defaultMaxLabelValues;
  if (!Number.isInteger(maxLabelValues) || maxLabelValues < 1) {
    throw new Error(`[ai-gateway] [metrics] maxLabelValues must be a positive integer, got ${maxLabelValues}`);
  }
  const bound = createLabelCaps(maxLabelValues);

  const operationDuration = createHistogramFamily(
    'gen_ai_client_operation_duration_seconds',
    'GenAI operation duration: one upstream call, until its response headers or its failure.',
    [...genAiLabels, 'error_type'],
    durationBucketsSeconds,
  );
  const tokenUsage = createHistogramFamily(
    'gen_ai_client_token_usage',
    'Number of input and output tokens used, per request, as the provider counted them.',
    [...genAiLabels, 'gen_ai_token_type'],
    tokenBuckets,
  );
  const requests = createCounterFamily('ai_gateway_requests_total', 'Requests answered, by the status the client got.', ['provider', 'model', 'status_code', 'cache_status']);
  const attempts = createCounterFamily('ai_gateway_upstream_attempts_total', 'Upstream calls and circuit-open skips, by what came of them.', ['provider', 'model', 'outcome']);
  const cost = createCounterFamily('ai_gateway_cost_usd_total', 'Estimated cost in US dollars of the answers whose model price is known (answers from the cache excluded).', ['provider', 'model']);
  const timeToFirstToken = createHistogramFamily(
    'ai_gateway_time_to_first_token_seconds',
    'Time until the first chunk of a streamed answer reached the client (answers from the cache excluded).',
    ['provider', 'model'],
    durationBucketsSeconds,
  );
  let inFlight = 0;

  return {
    requestStarted() {
      inFlight++;
    },
    requestEnded() {
      inFlight--;
    },
    observe(record) {
      const answering = answeringAttempt(record);
      const provider = bound('provider', record.provider ?? answering?.provider ?? '');
      // The request's model, else the one its target sent upstream (a config's override_params).
      const model = bound('model', record.model ?? answering?.model ?? '');
      const operation = bound('operation', genAiOperationName(record.endpoint));
      const fromCache = record.cache_status === 'HIT';

      requests.add([provider, model, bound('status_code', String(record.status)), bound('cache_status', record.cache_status)]);
      // A cached answer spent nothing, whatever the first answer cost.
      if (!fromCache && typeof record.cost === 'number' && Number.isFinite(record.cost) && record.cost >= 0) cost.add([provider, model], record.cost);
      if (record.stream && record.ttfb_ms !== null && record.status >= 200 && record.status < 300 && !fromCache) {
        timeToFirstToken.observe([provider, model], record.ttfb_ms / 1000);
      }

      for (const attempt of record.attempts) {
        const attemptProvider = bound('provider', attempt.provider);
        const attemptModel = bound('model', attempt.model ?? record.model ?? '');
        attempts.add([attemptProvider, attemptModel, bound('outcome', attempt.outcome)]);
        if (!madeUpstreamCall(attempt)) continue;
        const errorType = bound('error_type', attemptErrorType(attempt));
        operationDuration.observe([operation, genAiProviderName(attemptProvider), attemptModel, errorType], attempt.latency_ms / 1000);
      }

      // Tokens of an operation that took place: a cached answer used none.
      if (fromCache) return;
      const genAiProvider = genAiProviderName(answering ? bound('provider', answering.provider) : provider);
      const genAiModel = answering ? bound('model', answering.model ?? record.model ?? '') : model;
      if (knownTokenCount(record.tokens.input)) tokenUsage.observe([operation, genAiProvider, genAiModel, 'input'], record.tokens.input);
      if (knownTokenCount(record.tokens.output)) tokenUsage.observe([operation, genAiProvider, genAiModel, 'output'], record.tokens.output);
    },
    render() {
      const lines: string[] = [];
      operationDuration.render(lines);
      tokenUsage.render(lines);
      requests.render(lines);
      attempts.render(lines);
      cost.render(lines);
      timeToFirstToken.render(lines);
      lines.push(`${familyHeader(inFlightName, inFlightHelp, 'gauge')}${inFlightName} ${inFlight}\n`);
      return lines.join('');
    },
  };
}
