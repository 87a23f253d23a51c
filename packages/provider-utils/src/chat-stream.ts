/**
 * Builds OpenAI `chat.completion.chunk` event streams for providers that stream another format.
 * A provider supplies how to read its events; this takes care of the chunk envelope, the usage
 * chunk (only when the client asked with `stream_options.include_usage`), `[DONE]`, and ending
 * with an error event instead of `[DONE]` when the upstream reports a failure mid-stream.
 */
import { GatewayError } from './errors.js';
import type { ProviderCall } from '@ai-gateway/spec';
import { encodeSSEData, encodeSSEError, sseDone } from './sse/encode-sse.js';
import { createSSEParserStream, type SSEEvent } from './sse/parse-sse.js';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
}

export interface ChatDelta {
  role?: 'assistant';
  content?: string | null;
  tool_calls?: { index: number; id?: string; type?: 'function'; function: { name?: string; arguments?: string } }[];
  [extension: string]: unknown;
}

export interface ChatChunkWriter {
  /** Sends one chunk with this delta (and a finish reason on the last one). */
  delta(delta: ChatDelta, finishReason?: string | null): void;
  /** Records usage; sent as the final chunk when the client asked for it. Later calls add to it. */
  usage(usage: Partial<OpenAIUsage>): void;
  /** Ends the stream with an OpenAI error event (never `[DONE]`). */
  error(error: GatewayError): void;
  /** The model name the upstream reported, if it differs from the requested one. */
  setModel(model: string): void;
  setId(id: string): void;
}

export interface ChatStreamOptions<Event> {
  call: ProviderCall;
  /** Reads upstream bytes into events; server-sent events by default. */
  parse?: () => TransformStream<Uint8Array, Event>;
  onEvent(event: Event, writer: ChatChunkWriter): void;
  /** Called once the upstream ends without error, before usage and `[DONE]`. */
  onEnd?(writer: ChatChunkWriter): void;
}

function wantsUsage(call: ProviderCall): boolean {
  return (call.body?.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
}

export function createChatStream<Event = SSEEvent>(options: ChatStreamOptions<Event>): TransformStream<Uint8Array, Uint8Array> {
  const parser = (options.parse ?? (createSSEParserStream as unknown as () => TransformStream<Uint8Array, Event>))();
  const created = Math.floor(Date.now() / 1000);
  let id = `chatcmpl-${crypto.randomUUID()}`;
  let model = String(options.call.body?.model ?? '');
  let usage: OpenAIUsage | undefined;
  let failed = false;
  let output!: TransformStreamDefaultController<Uint8Array>;

  const envelope = (choices: unknown[], extra?: object) => ({ id, object: 'chat.completion.chunk', created, model, choices, ...extra });
  const writer: ChatChunkWriter = {
    delta(delta, finishReason = null) {
      if (failed) return;
      output.enqueue(encodeSSEData(envelope([{ index: 0, delta, logprobs: null, finish_reason: finishReason }])));
    },
    usage(next) {
      usage ??= { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
      if (next.prompt_tokens !== undefined) usage.prompt_tokens = next.prompt_tokens;
      if (next.completion_tokens !== undefined) usage.completion_tokens = next.completion_tokens;
      if (next.prompt_tokens_details) usage.prompt_tokens_details = next.prompt_tokens_details;
      usage.total_tokens = next.total_tokens ?? usage.prompt_tokens + usage.completion_tokens;
    },
    error(error) {
      if (failed) return;
      failed = true;
      output.enqueue(encodeSSEError(error));
    },
    setModel(next) {
      model = next;
    },
    setId(next) {
      id = next;
    },
  };

  const mapper = new TransformStream<Event, Uint8Array>({
    start(controller) {
      output = controller;
    },
    transform(event) {
      if (failed) return;
      try {
        options.onEvent(event, writer);
      } catch (error) {
        writer.error(error instanceof GatewayError ? error : new GatewayError('The upstream stream could not be read.', { status: 502, type: 'upstream_error', code: 'invalid_upstream_stream', cause: error }));
      }
    },
    flush(controller) {
      if (failed) return;
      options.onEnd?.(writer);
      if (failed) return;
      if (usage) options.call.reportUsage?.(usage as unknown as Record<string, unknown>);
      if (usage && wantsUsage(options.call)) controller.enqueue(encodeSSEData(envelope([], { usage })));
      controller.enqueue(sseDone);
    },
  });

  return { writable: parser.writable, readable: parser.readable.pipeThrough(mapper) } as TransformStream<Uint8Array, Uint8Array>;
}

/** A non-streamed `chat.completion` with one choice. */
export function chatCompletionResponse(options: { id?: string; model: string; message: Record<string, unknown>; finishReason: string | null; usage: OpenAIUsage }) {
  return {
    id: options.id ?? `chatcmpl-${crypto.randomUUID()}`,
    object: 'chat.completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: options.model,
    choices: [{ index: 0, message: { role: 'assistant', ...options.message }, logprobs: null, finish_reason: options.finishReason }],
    usage: options.usage,
  };
}
