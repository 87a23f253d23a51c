/**
 * A translated stream reaches the client the same whether the provider's transform hands its chat
 * chunks over as objects (`ProviderCall.chatChunks`) or writes them as chat bytes that the format
 * parses again; and a stream that breaks ends with the client format's own error event.
 */
import { describe, expect, it } from 'vitest';
import { createGateway } from '../app/create-gateway.js';
import { silentLogger } from '../logger.js';
import type { ProviderCall, ProviderV1, UpstreamFetch } from '@ai-gateway/spec';
import { createChatStream, GatewayError, withFields } from '@ai-gateway/provider-utils';
import { openAIResponsesFormat } from './openai-responses/index.js';

const encoder = new TextEncoder();

/** The toy upstream streams `data: {"say": ...}` events and ends with `data: {"stop": true}`. */
function toyChatStream(call: ProviderCall) {
  let stopped = false;
  return createChatStream({
    call,
    onEvent(event, writer) {
      const data = JSON.parse(event.data);
      if (data.usage) writer.usage(data.usage);
      stopped ||= data.stop === true;
      writer.delta(data.say === undefined ? {} : { content: data.say }, data.stop ? 'stop' : null);
    },
    onEnd(writer) {
      if (!stopped) writer.error(new GatewayError('The toy upstream ended before its stop.', { status: 502, type: 'upstream_error', code: 'stream_interrupted' }));
    },
  });
}

function toyProvider(id: string, transformStream: (call: ProviderCall) => TransformStream<Uint8Array, Uint8Array>): ProviderV1 {
  return {
    specificationVersion: 'v1',
    id,
    baseUrl: () => 'http://upstream.test/v1',
    headers: () => ({}),
    endpoints: { chatComplete: { path: '/chat/completions', transformRequest: (body) => body, transformResponse: (body) => body, transformStream } },
  };
}

// One provider's transform takes the chunks as objects; the other's is kept from seeing the sink, so it writes chat bytes.
const sinksGiven: unknown[] = [];
const handsOver = toyProvider('hands-over', (call) => {
  sinksGiven.push(call.chatChunks);
  return toyChatStream(call);
});
const writesBytes = toyProvider('writes-bytes', (call) => toyChatStream(withFields(call, { chatChunks: undefined })));

function upstream(events: string[], breakAfter?: number): UpstreamFetch {
  return async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const event of events.slice(0, breakAfter)) controller.enqueue(encoder.encode(`data: ${event}\n\n`));
        // A break comes once the answer has started reaching the client.
        if (breakAfter === undefined) controller.close();
        else setTimeout(() => controller.error(new Error('connection reset')), 20);
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
}

async function streamedResponse(provider: ProviderV1, fetch: UpstreamFetch, store = false): Promise<Response> {
  const app = createGateway({ providers: [handsOver, writesBytes], ingressFormats: [openAIResponsesFormat], fetch, logger: silentLogger });
  const response = await app.fetch(new Request('http://gateway/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-provider': provider.id, authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'toy', input: 'hi', stream: true, store }),
  }));
  expect(response.status).toBe(200);
  return response;
}

async function streamedEvents(provider: ProviderV1, fetch: UpstreamFetch): Promise<string[]> {
  const text = await (await streamedResponse(provider, fetch)).text();
  // Ids and times are each stream's own.
  return text.split('\n\n').filter(Boolean).map((event) => event.replace(/"(resp|msg)_[0-9a-f]+"/g, '"$1_ID"').replace(/"created_at":\d+/g, '"created_at":0'));
}

describe('translated streams', () => {
  const events = ['{"say":"Hel"}', '{"say":"lo"}', '{"stop":true,"usage":{"prompt_tokens":2,"completion_tokens":2}}'];

  it('are the same whether the chunks are handed over or parsed again', async () => {
    const handedOver = await streamedEvents(handsOver, upstream(events));
    expect(sinksGiven.at(-1)).toBeDefined();
    expect(handedOver).toEqual(await streamedEvents(writesBytes, upstream(events)));
    expect(handedOver.filter((event) => event.startsWith('event: response.output_text.delta')).map((event) => JSON.parse(event.split('data: ')[1]).delta)).toEqual(['Hel', 'lo']);
    const completed = JSON.parse(handedOver.at(-1)!.split('data: ')[1]);
    expect(completed.type).toBe('response.completed');
    expect(completed.response.usage).toMatchObject({ input_tokens: 2, output_tokens: 2, total_tokens: 4 });
  });

  it('send the events one upstream chunk makes as one piece (one write to the client), stored or not', async () => {
    const decoder = new TextDecoder();
    for (const store of [false, true]) {
      const pieces: string[][] = [];
      for await (const piece of (await streamedResponse(handsOver, upstream(events), store)).body!) {
        pieces.push(decoder.decode(piece).split('\n\n').filter(Boolean).map((event) => event.slice('event: '.length, event.indexOf('\n'))));
      }
      expect(pieces).toEqual([
        ['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added', 'response.output_text.delta'],
        ['response.output_text.delta'],
        ['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed'],
      ]);
    }
  });

  it('end with response.failed when the upstream stops before its finish', async () => {
    for (const provider of [handsOver, writesBytes]) {
      const seen = await streamedEvents(provider, upstream(events.slice(0, 1)));
      const last = seen.at(-1)!;
      expect(last).toMatch(/^event: response\.failed\n/);
      expect(JSON.parse(last.split('data: ')[1]).response.error).toEqual({ code: 'stream_interrupted', message: 'The toy upstream ended before its stop.' });
    }
  });

  it("end with the Responses API's error event when the connection breaks", async () => {
    for (const provider of [handsOver, writesBytes]) {
      const seen = await streamedEvents(provider, upstream(events, 1));
      const last = seen.at(-1)!;
      expect(last).toMatch(/^event: error\n/);
      expect(JSON.parse(last.split('data: ')[1])).toMatchObject({ type: 'error', code: 'upstream_error', message: expect.stringContaining('failed while streaming') });
      expect(seen.some((event) => event.includes('data: {"error"'))).toBe(false);
    }
  });
});
