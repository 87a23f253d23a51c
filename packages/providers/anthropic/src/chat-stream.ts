/**
 * Anthropic's Messages event stream as OpenAI `chat.completion.chunk` events.
 * Events: https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
import type { ProviderCall } from '@ai-gateway/spec';
import { createChatStream, GatewayError, type ChatChunkWriter, type SSEEvent } from '@ai-gateway/provider-utils';
import type { AnthropicUsage } from './anthropic-types.js';
import { streamErrorFromAnthropic } from './errors.js';
import { toOpenAIFinishReason } from './finish-reason.js';
import { toOpenAIUsage } from './usage.js';

interface StreamState {
  /** Anthropic content-block index -> OpenAI tool-call index (tool calls are numbered on their own). */
  toolIndexByBlock: Map<number, number>;
  usage: AnthropicUsage;
  stopped: boolean;
  /** The thinking block being streamed, sent whole in `thinking_blocks` when it ends. */
  thinking: { index: number; text: string; signature: string } | undefined;
}

/** Usage fields arrive in `message_start` and again, cumulatively, in `message_delta`: the latest wins. */
function mergeUsage(state: StreamState, usage: AnthropicUsage | undefined, writer: ChatChunkWriter): void {
  if (!usage) return;
  for (const [field, value] of Object.entries(usage) as [keyof AnthropicUsage, number | null | undefined][]) {
    if (typeof value === 'number') state.usage[field] = value;
  }
  writer.usage(toOpenAIUsage(state.usage));
}

function onEvent(event: SSEEvent, state: StreamState, writer: ChatChunkWriter): void {
  // `ping` keeps the connection alive and carries nothing; unknown events are new API features, skipped.
  if (!event.data || event.event === 'ping') return;
  const data = JSON.parse(event.data);
  switch (data.type) {
    case 'message_start':
      if (data.message?.id) writer.setId(data.message.id);
      if (data.message?.model) writer.setModel(data.message.model);
      mergeUsage(state, data.message?.usage, writer);
      writer.delta({ role: 'assistant', content: '' });
      return;
    case 'content_block_start': {
      const block = data.content_block;
      if (block?.type === 'tool_use') {
        const toolIndex = state.toolIndexByBlock.size;
        state.toolIndexByBlock.set(data.index, toolIndex);
        writer.delta({ tool_calls: [{ index: toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] });
      } else if (block?.type === 'text' && block.text) {
        writer.delta({ content: block.text });
      } else if (block?.type === 'thinking') {
        state.thinking = { index: data.index, text: String(block.thinking ?? ''), signature: String(block.signature ?? '') };
      } else if (block?.type === 'redacted_thinking') {
        writer.delta({ thinking_blocks: [{ type: 'redacted_thinking', data: String(block.data ?? '') }] });
      }
      return;
    }
    case 'content_block_delta': {
      const delta = data.delta;
      const thinking = state.thinking;
      if (delta?.type === 'text_delta') writer.delta({ content: delta.text });
      else if (delta?.type === 'thinking_delta' && delta.thinking) {
        if (thinking !== undefined && thinking.index === data.index) thinking.text += delta.thinking;
        writer.delta({ reasoning_content: delta.thinking });
      } else if (delta?.type === 'signature_delta' && thinking !== undefined && thinking.index === data.index) thinking.signature += String(delta.signature ?? '');
      else if (delta?.type === 'input_json_delta' && delta.partial_json) {
        const toolIndex = state.toolIndexByBlock.get(data.index);
        if (toolIndex !== undefined) writer.delta({ tool_calls: [{ index: toolIndex, function: { arguments: delta.partial_json } }] });
      }
      return;
    }
    case 'content_block_stop': {
      const thinking = state.thinking;
      if (thinking !== undefined && thinking.index === data.index) {
        writer.delta({ thinking_blocks: [{ type: 'thinking', thinking: thinking.text, signature: thinking.signature }] });
        state.thinking = undefined;
      }
      return;
    }
    case 'message_delta':
      mergeUsage(state, data.usage, writer);
      if (data.delta?.stop_reason) writer.delta({}, toOpenAIFinishReason(data.delta.stop_reason));
      return;
    case 'message_stop':
      state.stopped = true;
      return;
    case 'error':
      writer.error(streamErrorFromAnthropic(data));
      return;
  }
}

/**
 * The `transformStream` for Anthropic's streamed Messages: text, reasoning and tool-call argument
 * deltas, each thinking block whole with its signature once it ends (`thinking_blocks`), the finish reason, usage in the last chunk when the client asked for it, and `[DONE]`. An
 * `error` event, or a stream cut before `message_stop`, ends the client's stream with an error event.
 */
export function createAnthropicChatStream(call: ProviderCall): TransformStream<Uint8Array, Uint8Array> {
  const state: StreamState = { toolIndexByBlock: new Map(), usage: {}, stopped: false, thinking: undefined };
  return createChatStream({
    call,
    onEvent: (event, writer) => onEvent(event, state, writer),
    onEnd(writer) {
      if (!state.stopped) {
        writer.error(new GatewayError('Anthropic ended the stream before message_stop.', { status: 502, type: 'upstream_error', code: 'stream_interrupted' }));
      }
    },
  });
}
