import { describe, expect, it } from 'vitest';
import type { ChatChunkSinkV1, JsonObject, ProviderCall } from '@ai-gateway/spec';
import { createChatStream } from './chat-stream.js';
import { GatewayError } from './errors.js';
import type { SSEEvent } from './sse/parse-sse.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An upstream whose events each say what to write: a text delta, a failure, or the finish. */
function echoStream(call: ProviderCall) {
  return createChatStream<SSEEvent>({
    call,
    onEvent(event, writer) {
      const step = JSON.parse(event.data);
      if (step.fail) return writer.error(new GatewayError(step.fail, { status: 502, type: 'upstream_error' }));
      if (step.usage) writer.usage(step.usage);
      writer.delta(step.text === undefined ? {} : { content: step.text }, step.finish ?? null);
    },
  });
}

function callWith(fields: Partial<ProviderCall>): ProviderCall {
  return { endpoint: 'chatComplete', target: { provider: 'test', settings: {} }, body: { model: 'm', stream_options: { include_usage: true } }, stream: true, path: '/chat/completions', search: '', headers: new Headers(), fetch: fetch, ...fields };
}

async function run(stream: TransformStream<Uint8Array, Uint8Array>, steps: object[]): Promise<string> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const step of steps) controller.enqueue(encoder.encode(`data: ${JSON.stringify(step)}\n\n`));
      controller.close();
    },
  });
  let text = '';
  for await (const piece of source.pipeThrough(stream)) text += decoder.decode(piece);
  return text;
}

/** A sink that writes what it was handed, one line per call. */
function recordingSink() {
  const calls: string[] = [];
  let output!: TransformStreamDefaultController<Uint8Array>;
  const write = (line: string) => {
    calls.push(line);
    output.enqueue(encoder.encode(`${line}\n`));
  };
  const sink: ChatChunkSinkV1 = {
    start(controller) {
      calls.push('start');
      output = controller;
    },
    chunk: (chunk: JsonObject) => write(`chunk ${JSON.stringify(chunk)}`),
    done: () => write('done'),
    broken: (message) => write(`broken ${message}`),
    end: () => write('end'),
  };
  return { sink, calls };
}

describe('createChatStream', () => {
  const steps = [{ text: 'Hel' }, { text: 'lo', finish: 'stop', usage: { prompt_tokens: 3, completion_tokens: 2 } }];

  it('hands a sink the chunks its bytes would carry, and writes nothing of its own', async () => {
    const bytes = await run(echoStream(callWith({})), steps);
    const sent = bytes.split('\n\n').filter(Boolean).map((event) => event.slice('data: '.length));
    expect(sent.at(-1)).toBe('[DONE]');

    const { sink, calls } = recordingSink();
    const stream = echoStream(callWith({ chatChunks: sink }));
    // Core knows the transform took the chunks because the sink starts while the transform is built.
    expect(calls).toEqual(['start']);
    const written = await run(stream, steps);
    expect(written).toBe(`${calls.slice(1).join('\n')}\n`);
    // The same chunks as the bytes (each stream has an id of its own), then [DONE] as `done`, then the end.
    const sameId = (line: string) => line.replace(/chatcmpl-[0-9a-f-]{36}/g, 'chatcmpl-ID');
    expect(calls.slice(1).map(sameId)).toEqual([...sent.slice(0, -1).map((data) => sameId(`chunk ${data}`)), 'done', 'end']);
  });

  it('gives a sink the error object and no done when the upstream fails', async () => {
    const { sink, calls } = recordingSink();
    await run(echoStream(callWith({ chatChunks: sink })), [{ text: 'Hel' }, { fail: 'overloaded' }, { text: 'ignored' }]);
    expect(calls).toEqual([
      'start',
      expect.stringMatching(/^chunk \{"id":"chatcmpl-.*"content":"Hel"/),
      'chunk {"error":{"message":"overloaded","type":"upstream_error","param":null,"code":null}}',
      'end',
    ]);
  });

  it('reports the usage it read to the call in both modes', async () => {
    for (const chatChunks of [undefined, recordingSink().sink]) {
      const reported: unknown[] = [];
      await run(echoStream(callWith({ chatChunks, reportUsage: (usage) => reported.push(usage) })), steps);
      expect(reported).toEqual([{ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }]);
    }
  });
});
