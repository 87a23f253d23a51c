/**
 * OpenAI `chat.completion.chunk` events as Anthropic's Messages event stream: `message_start`,
 * content blocks (`thinking` from reasoning deltas, text, and `tool_use` with `input_json_delta`), `message_delta` with the stop
 * reason and usage, `message_stop`. Every event is named, as Anthropic's SDK ignores unnamed ones.
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import type { ChatChunkSinkV1, JsonObject } from '@ai-gateway/spec';
import { typedEventOf, typedEventText } from '../typed-event.js';
import { encodeAnthropicStreamError } from './errors.js';
import { reasoningTextOf, toAnthropicStopReason, toAnthropicUsage } from './from-chat-response.js';
import { chatChunkSink, chatChunkStream, type EventOutput } from '../chat-chunk-stream.js';

interface OpenBlock {
  index: number;
  kind: 'text' | 'thinking' | 'tool';
}

export function chatChunksToAnthropic(request: JsonObject): ChatChunkSinkV1 {
  let output!: EventOutput;
  let started = false;
  let ended = false;
  let nextBlockIndex = 0;
  let openBlock: OpenBlock | undefined;
  const blockByToolIndex = new Map<number, number>();
  let finishReason: unknown;
  let usage: JsonObject | undefined;

  const send = (event: string, data: JsonObject) => output.write(typedEventOf(event, data));
  const start = (chunk?: JsonObject) => {
    if (started) return;
    started = true;
    send('message_start', {
      message: {
        id: chunk?.id ?? `msg_${crypto.randomUUID()}`, type: 'message', role: 'assistant', model: chunk?.model || request.model,
        content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 },
      },
    });
  };
  const closeBlock = () => {
    if (!openBlock) return;
    send('content_block_stop', { index: openBlock.index });
    openBlock = undefined;
  };
  const openNewBlock = (kind: OpenBlock['kind'], contentBlock: JsonObject) => {
    closeBlock();
    openBlock = { index: nextBlockIndex++, kind };
    send('content_block_start', { index: openBlock.index, content_block: contentBlock });
    return openBlock.index;
  };
  const finish = () => {
    if (ended) return;
    ended = true;
    start();
    closeBlock();
    send('message_delta', { delta: { stop_reason: toAnthropicStopReason(finishReason), stop_sequence: null }, usage: toAnthropicUsage(usage) });
    send('message_stop', {});
  };
  const fail = (error: { message?: unknown; type?: unknown }) => {
    ended = true;
    output.writeBytes(encodeAnthropicStreamError({ message: String(error.message ?? 'The upstream failed while streaming.'), type: typeof error.type === 'string' ? error.type : undefined, status: 500 }));
  };

  const onChunk = (chunk: any) => {
    if (chunk.error) return fail(chunk.error);
    start(chunk);
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta ?? {};
    const reasoning = reasoningTextOf(delta);
    if (reasoning !== '') {
      if (openBlock?.kind !== 'thinking') openNewBlock('thinking', { type: 'thinking', thinking: '', signature: '' });
      send('content_block_delta', { index: openBlock!.index, delta: { type: 'thinking_delta', thinking: reasoning } });
    }
    if (typeof delta.content === 'string' && delta.content !== '') {
      if (openBlock?.kind !== 'text') openNewBlock('text', { type: 'text', text: '' });
      // The most frequent event, written as text: only its text is serialised.
      output.write(typedEventText('content_block_delta', `"index":${openBlock!.index},"delta":{"type":"text_delta","text":${JSON.stringify(delta.content)}}`));
    }
    for (const call of delta.tool_calls ?? []) {
      const toolIndex = typeof call.index === 'number' ? call.index : 0;
      let blockIndex = blockByToolIndex.get(toolIndex);
      if (blockIndex === undefined) {
        blockIndex = openNewBlock('tool', { type: 'tool_use', id: call.id ?? `toolu_${crypto.randomUUID()}`, name: call.function?.name ?? '', input: {} });
        blockByToolIndex.set(toolIndex, blockIndex);
      }
      const argumentsDelta = call.function?.arguments;
      if (typeof argumentsDelta === 'string' && argumentsDelta !== '') {
        send('content_block_delta', { index: blockIndex, delta: { type: 'input_json_delta', partial_json: argumentsDelta } });
      }
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  };

  return chatChunkSink({
    start: (events) => {
      output = events;
    },
    chunk: onChunk,
    finish,
    broken: (message) => fail({ message, type: 'api_error' }),
    isEnded: () => ended,
    hasFinishReason: () => Boolean(finishReason),
  });
}

/** The same, reading chat bytes. */
export function chatStreamToAnthropic(request: JsonObject): TransformStream<Uint8Array, Uint8Array> {
  return chatChunkStream(chatChunksToAnthropic(request));
}
