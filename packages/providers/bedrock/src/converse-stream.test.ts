/**
 * The ConverseStream transform on its own: framed fixture bytes in, OpenAI SSE out. The same
 * paths run over HTTP in bedrock-gateway.test.ts; here each case is cut exactly as wanted.
 */
import type { ProviderCall } from '@ai-gateway/spec';
import { describe, expect, it } from 'vitest';
import { createConverseStreamTransform } from './converse-stream.js';
import { fixtureFrames } from './test/bedrock-mock.js';

function callWith(body: Record<string, unknown>): ProviderCall {
  return { endpoint: 'chatComplete', target: { provider: 'bedrock', settings: {} }, body: { model: 'm', stream: true, ...body }, stream: true, path: '/chat/completions', search: '', headers: new Headers(), fetch };
}

/** Runs bytes (cut into `chunkSize` pieces) through the transform; returns the SSE data payloads. */
async function run(bytes: Buffer, options: { chunkSize?: number; body?: Record<string, unknown> } = {}): Promise<string[]> {
  const size = options.chunkSize ?? bytes.length;
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += size) controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + size)));
      controller.close();
    },
  });
  const text = await new Response(source.pipeThrough(createConverseStreamTransform(callWith(options.body ?? {})))).text();
  return text.split('\n\n').filter(Boolean).map((event) => event.replace(/^data: /, ''));
}

const parse = (events: string[]) => events.filter((event) => event !== '[DONE]').map((event) => JSON.parse(event));

describe('ConverseStream -> chat.completion.chunk', () => {
  it('streams text, the finish reason, usage last and [DONE], however the bytes are cut', async () => {
    const bytes = Buffer.concat(fixtureFrames('converse-text.chunks.txt'));
    for (const chunkSize of [undefined, 1, 7, 64]) {
      const events = await run(bytes, { chunkSize, body: { stream_options: { include_usage: true } } });
      expect(events[events.length - 1]).toBe('[DONE]');
      const chunks = parse(events);
      expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toBe('Hello from the stream');
      expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason).map((chunk) => chunk.choices[0].finish_reason)).toEqual(['stop']);
      expect(chunks[chunks.length - 1]).toMatchObject({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 } });
    }
  });

  it('leaves usage out unless stream_options.include_usage asks', async () => {
    const chunks = parse(await run(Buffer.concat(fixtureFrames('converse-text.chunks.txt'))));
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('numbers parallel tool calls from 0 and streams their argument deltas', async () => {
    const chunks = parse(await run(Buffer.concat(fixtureFrames('converse-parallel-tools.chunks.txt')), { body: { stream_options: { include_usage: true } } }));
    const calls: { id?: string; name: string; arguments: string }[] = [];
    for (const chunk of chunks) {
      for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
        calls[call.index] ??= { name: '', arguments: '' };
        if (call.id) calls[call.index].id = call.id;
        calls[call.index].name += call.function?.name ?? '';
        calls[call.index].arguments += call.function?.arguments ?? '';
      }
    }
    expect(calls).toEqual([
      { id: 'tooluse_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'tooluse_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
    ]);
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('tool_calls');
    expect(chunks[chunks.length - 1].usage).toEqual({ prompt_tokens: 500, completion_tokens: 80, total_tokens: 580, prompt_tokens_details: { cached_tokens: 100 } });
  });

  it('turns an exception frame into an OpenAI error event and no [DONE]', async () => {
    const events = await run(Buffer.concat(fixtureFrames('converse-model-stream-error.chunks.txt')), { chunkSize: 5 });
    expect(events).not.toContain('[DONE]');
    const last = JSON.parse(events[events.length - 1]);
    expect(last).toEqual({ error: { message: 'The model failed while streaming.', type: 'upstream_error', param: null, code: 'modelStreamErrorException' } });
    expect(parse(events.slice(0, -1)).map((chunk) => chunk.choices[0].delta.content).join('')).toBe('Partial');
  });

  it('reports a stream that stops before messageStop instead of ending quietly', async () => {
    const frames = fixtureFrames('converse-text.chunks.txt');
    const events = await run(Buffer.concat(frames.slice(0, 3)));
    expect(events).not.toContain('[DONE]');
    expect(JSON.parse(events[events.length - 1]).error.code).toBe('stream_interrupted');
  });
});
