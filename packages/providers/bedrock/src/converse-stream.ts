/**
 * ConverseStream events -> OpenAI `chat.completion.chunk` server-sent events, through core's
 * shared chunk writer (which adds the envelope, the usage chunk and `[DONE]`).
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 *
 * Exception frames (`:message-type: exception`, e.g. throttlingException mid-answer) end the
 * stream with an OpenAI error event; so does a stream that stops before `messageStop`.
 */
import type { ProviderCall } from '@ai-gateway/spec';
import { createChatStream, GatewayError, type ChatChunkWriter } from '@ai-gateway/provider-utils';
import { streamExceptionError } from './errors.js';
import { createEventStreamDecoder, type EventStreamMessage } from './event-stream-decoder.js';
import { mapStopReason } from './finish-reason.js';
import { mapUsage } from './usage.js';

const textDecoder = new TextDecoder();

function payloadJson(message: EventStreamMessage): any {
  return message.payload.length > 0 ? JSON.parse(textDecoder.decode(message.payload)) : {};
}

/** Follows one stream: which content block is which tool call, and whether it ended properly. */
function createEventMapper() {
  const toolIndexByBlock = new Map<number, number>();
  let stopped = false;
  /** The reasoning block being streamed, sent whole with its signature in `thinking_blocks` when it stops. */
  let thinking: { index: number; text: string; signature: string } | undefined;
  const thinkingAt = (index: number) => {
    if (thinking?.index !== index) thinking = { index, text: '', signature: '' };
    return thinking;
  };

  function onEvent(message: EventStreamMessage, writer: ChatChunkWriter): void {
    const messageType = message.headers[':message-type'];
    if (messageType === 'exception') {
      writer.error(streamExceptionError(String(message.headers[':exception-type'] ?? 'unknownException'), payloadJson(message)));
      return;
    }
    if (messageType === 'error') {
      const code = String(message.headers[':error-code'] ?? 'unknownError');
      writer.error(streamExceptionError(code, { message: message.headers[':error-message'] }));
      return;
    }
    const event = payloadJson(message);
    switch (message.headers[':event-type']) {
      case 'messageStart':
        writer.delta({ role: 'assistant', content: '' });
        break;
      case 'contentBlockStart': {
        const toolUse = event.start?.toolUse;
        if (!toolUse) break;
        const index = toolIndexByBlock.size;
        toolIndexByBlock.set(event.contentBlockIndex, index);
        writer.delta({ tool_calls: [{ index, id: toolUse.toolUseId, type: 'function', function: { name: toolUse.name, arguments: '' } }] });
        break;
      }
      case 'contentBlockDelta': {
        const delta = event.delta ?? {};
        if (typeof delta.text === 'string') writer.delta({ content: delta.text });
        else if (delta.toolUse) {
          const index = toolIndexByBlock.get(event.contentBlockIndex);
          if (index === undefined) throw new GatewayError('Bedrock streamed tool input for a block it never started.', { status: 502, type: 'upstream_error', code: 'invalid_upstream_stream' });
          writer.delta({ tool_calls: [{ index, function: { arguments: String(delta.toolUse.input ?? '') } }] });
        } else if (typeof delta.reasoningContent?.text === 'string') {
          thinkingAt(event.contentBlockIndex).text += delta.reasoningContent.text;
          writer.delta({ reasoning_content: delta.reasoningContent.text });
        } else if (typeof delta.reasoningContent?.signature === 'string') {
          thinkingAt(event.contentBlockIndex).signature += delta.reasoningContent.signature;
        } else if (typeof delta.reasoningContent?.redactedContent === 'string') {
          writer.delta({ thinking_blocks: [{ type: 'redacted_thinking', data: delta.reasoningContent.redactedContent }] });
        }
        break;
      }
      case 'contentBlockStop': {
        const ended = thinking;
        if (ended === undefined || ended.index !== event.contentBlockIndex) break;
        if (ended.signature !== '') writer.delta({ thinking_blocks: [{ type: 'thinking', thinking: ended.text, signature: ended.signature }] });
        thinking = undefined;
        break;
      }
      case 'messageStop':
        stopped = true;
        writer.delta({}, mapStopReason(event.stopReason));
        break;
      case 'metadata':
        if (event.usage) writer.usage(mapUsage(event.usage));
        break;
      default:
        // Events added later carry nothing the client needs.
        break;
    }
  }

  function onEnd(writer: ChatChunkWriter): void {
    if (!stopped) {
      writer.error(new GatewayError('Bedrock ended the stream before the answer was complete (no messageStop event).', { status: 502, type: 'upstream_error', code: 'stream_interrupted' }));
    }
  }

  return { onEvent, onEnd };
}

/** `transformStream` for chat: ConverseStream bytes in, OpenAI SSE bytes out. */
export function createConverseStreamTransform(call: ProviderCall): TransformStream<Uint8Array, Uint8Array> {
  const mapper = createEventMapper();
  return createChatStream<EventStreamMessage>({ call, parse: createEventStreamDecoder, onEvent: mapper.onEvent, onEnd: mapper.onEnd });
}
