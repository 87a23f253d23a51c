/**
 * The record's `cost` through the Node gateway (docs/costs.md): the built-in price dataset's list
 * price for a known model, the operator's `prices` from the config file before it, cached and
 * reasoning tokens at their own prices, and `null` (not 0) for a model nobody priced.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { chatCompletion, healthy, postChat, sendJson, startMockUpstream, target, type MockHandler, type MockUpstream } from '@ai-gateway/testing';
import type { RunningGateway } from '../src/index.js';
import { startTestGateway } from './node-harness.js';

/** US dollars per million tokens, as the operator writes them. */
const operatorPrices = {
  // Over the dataset's $2.50 and $10.
  'openai/gpt-4o': { input: 1, output: 2 },
  'openai/acme-fine-tune': { input: 2, output: 8, cached_input: 0.5, reasoning: 4 },
};

/** 2,000 prompt tokens of which 1,500 read from the prompt cache; 300 completion tokens of which 100 reasoning. */
const cachedAndReasoningUsage: MockHandler = (request, response) =>
  sendJson(response, 200, {
    ...chatCompletion(request.json.model),
    usage: { prompt_tokens: 2000, completion_tokens: 300, total_tokens: 2300, prompt_tokens_details: { cached_tokens: 1500 }, completion_tokens_details: { reasoning_tokens: 100 } },
  });

let upstream: MockUpstream;
let gateway: RunningGateway;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ai-gateway-cost-'));
  const configFile = join(folder, 'gateway.json');
  writeFileSync(configFile, JSON.stringify({ prices: operatorPrices }));
  upstream = await startMockUpstream(healthy);
  gateway = await startTestGateway({ configFile });
});
afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
  rmSync(folder, { recursive: true, force: true });
});

let traces = 0;

/** The record of a chat request for `model`, answered by `handler`. */
async function recordOf(model: string, handler: MockHandler = healthy, body: Record<string, unknown> = {}): Promise<RequestRecordV1> {
  upstream.setHandler(handler);
  traces += 1;
  const traceId = `cost-${process.pid}-${traces}`;
  const response = await postChat(gateway, target(upstream), { headers: { 'x-portkey-trace-id': traceId }, body: { model, ...body } });
  expect(response.status).toBe(200);
  await response.text();
  for (let tries = 0; tries < 50; tries += 1) {
    const found = await fetch(`${gateway.url}/public/api/logs/${traceId}`);
    if (found.status === 200) return found.json() as Promise<RequestRecordV1>;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no record for ${traceId}`);
}

/** Dollars from token counts and per-million prices. */
const dollars = (...parts: [tokens: number, perMillion: number][]) => parts.reduce((sum, [tokens, price]) => sum + tokens * price, 0) / 1_000_000;

describe('the cost of a request', () => {
  it("is the dataset's list price for a known model (gpt-4o-mini: $0.15 in, $0.60 out per million)", async () => {
    const record = await recordOf('gpt-4o-mini');
    expect(record.tokens).toMatchObject({ input: 9, output: 5 });
    expect(record.cost).toBeCloseTo(dollars([9, 0.15], [5, 0.6]), 15);
  });

  it("prices cached input at the dataset's cache price ($0.075)", async () => {
    const record = await recordOf('gpt-4o-mini', cachedAndReasoningUsage);
    expect(record.tokens).toEqual({ input: 2000, output: 300, cached: 1500, reasoning: 100 });
    expect(record.cost).toBeCloseTo(dollars([500, 0.15], [1500, 0.075], [300, 0.6]), 15);
  });

  it('of a stream is priced from the usage in its last events', async () => {
    const record = await recordOf('gpt-4o-mini', healthy, { stream: true, stream_options: { include_usage: true } });
    expect(record.tokens).toMatchObject({ input: 9, output: 4 });
    expect(record.cost).toBeCloseTo(dollars([9, 0.15], [4, 0.6]), 15);
  });

  it("is the operator's price when the config file has one, over the dataset's", async () => {
    const record = await recordOf('gpt-4o');
    expect(record.cost).toBeCloseTo(dollars([9, 1], [5, 2]), 15);
  });

  it("prices cached and reasoning tokens at the operator's prices for them", async () => {
    const record = await recordOf('acme-fine-tune', cachedAndReasoningUsage);
    expect(record.cost).toBeCloseTo(dollars([500, 2], [1500, 0.5], [200, 8], [100, 4]), 15);
  });

  it('is null, not 0, for a model nobody priced', async () => {
    const record = await recordOf('no-such-model-anywhere');
    expect(record.tokens).toMatchObject({ input: 9, output: 5 });
    expect(record.cost).toBeNull();
  });
});
