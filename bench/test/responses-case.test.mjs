/**
 * The Responses API case against real processes: the mock upstream, this gateway on Node and
 * Portkey's gateway. The probe must find this gateway serving it (a Responses answer carrying the
 * upstream's text, one Anthropic call) and Portkey's not, so that the run reports it n/a.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedStreamText } from '../src/canned-responses.mjs';
import { cases } from '../src/cases.mjs';
import { startMockUpstream } from '../src/mock-upstream.mjs';
import { probeCase } from '../src/probe.mjs';
import { measureStreamTiming } from '../src/stream-timing.mjs';
import { systems } from '../src/systems.mjs';

const responsesCase = cases.find((benchCase) => benchCase.id === 'responses-anthropic');
const anthropicCase = cases.find((benchCase) => benchCase.id === 'anthropic');
const streamChunks = 5;

/** @type {Awaited<ReturnType<typeof startMockUpstream>>} */
let mock;
let upstreams;
beforeAll(async () => {
  mock = await startMockUpstream({ streamChunks, firstChunkDelayMs: 0, chunkIntervalMs: 0, responseDelayMs: 0 });
  const origin = `http://127.0.0.1:${mock.port}`;
  upstreams = { origin, failingOrigin: `http://127.0.0.1:${mock.failingPort}`, statsUrl: `${origin}/__stats` };
});
afterAll(() => mock?.close());

/** @param {string} systemId @param {(running: import('../src/systems.mjs').RunningSystem) => Promise<void>} use */
async function withSystem(systemId, use) {
  const system = systems.find((candidate) => candidate.id === systemId);
  const running = await system.start({ mockOrigin: upstreams.origin, nodeFlags: [] });
  try {
    await use(running);
  } finally {
    await running.stop();
  }
}

const requestTo = (running, shape) => ({ url: `${running.baseUrl}${shape.path}`, headers: shape.headers, body: shape.body });

describe('the responses-anthropic case', () => {
  it('asks /v1/responses with the anthropic case\'s headers, model and limit, storing nothing', () => {
    const json = responsesCase.gatewayRequest(upstreams, { stream: false });
    const streamed = responsesCase.gatewayRequest(upstreams, { stream: true });
    const chat = anthropicCase.gatewayRequest(upstreams, { stream: false });
    expect(json.path).toBe('/v1/responses');
    expect(json.headers).toEqual(chat.headers);
    expect(JSON.parse(json.body)).toEqual({ model: JSON.parse(chat.body).model, input: 'Say hello to the benchmark.', max_output_tokens: 64, store: false });
    expect(JSON.parse(streamed.body)).toEqual({ ...JSON.parse(json.body), stream: true });
    expect(responsesCase).toMatchObject({ upstream: 'anthropic', streams: true });
  });

  it('is served by this gateway on Node: a Responses answer and a complete Responses stream, one Anthropic call each', async () => {
    await withSystem('ai-gateway-node', async (running) => {
      const probe = await probeCase(requestTo(running, responsesCase.gatewayRequest(upstreams, { stream: false })), responsesCase.expectation(upstreams), upstreams.statsUrl);
      expect(probe).toEqual({ supported: true });

      const streamed = requestTo(running, responsesCase.gatewayRequest(upstreams, { stream: true }));
      const timing = await measureStreamTiming(streamed.url, streamed, { samples: 2, format: 'responses', expectedText: expectedStreamText(streamChunks) });
      expect(timing).toMatchObject({ supported: true });
      // Read as chat, the same stream is no answer: the check really reads the Responses events.
      const asChat = await measureStreamTiming(streamed.url, streamed, { samples: 1, format: 'chat', expectedText: expectedStreamText(streamChunks) });
      expect(asChat).toMatchObject({ supported: false });
    });
  });

  it('is n/a for a system answering in chat format, with the reason', async () => {
    // This gateway's chat route answers the case's upstream text, but as a chat completion.
    await withSystem('ai-gateway-node', async (running) => {
      const chatShape = anthropicCase.gatewayRequest(upstreams, { stream: false });
      const probe = await probeCase(requestTo(running, chatShape), responsesCase.expectation(upstreams), upstreams.statsUrl);
      expect(probe).toEqual({ supported: false, reason: 'answers 200 without the upstream answer in Responses API format' });
    });
  });

  it('is n/a for Portkey\'s gateway where it does not serve /v1/responses for anthropic, with its answer as the reason', async () => {
    await withSystem('portkey', async (running) => {
      const probe = await probeCase(requestTo(running, responsesCase.gatewayRequest(upstreams, { stream: false })), responsesCase.expectation(upstreams), upstreams.statsUrl);
      // The bench pins Portkey 1.15.2; a version that serves it would pass the probe and be measured.
      expect(probe).toEqual({ supported: false, reason: 'answers 500: createModelResponse is not supported by anthropic' });
    });
  });
});
