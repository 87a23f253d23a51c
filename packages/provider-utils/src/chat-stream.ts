/**
 * Builds OpenAI `chat.completion.chunk` event streams for providers that stream another format.
 * A provider supplies how to read its events; this takes care of the chunk envelope, the usage
 * chunk (only when the client asked with `stream_options.include_usage`), `[DONE]`, and ending
 * with an error event instead of `[DONE]` when the upstream reports a failure mid-stream. When core
 * translates the stream into another client format, the same chunks go to the call's `chatChunks`
 * sink as objects instead of bytes.
 */
import { GatewayError } from './errors.js';
import type { ProviderCall } from '@ai-gateway/spec';
import { encodeSSEData, encodeSSEError, sseDone } from './sse/encode-sse.js';
import { createSSEEventStream, type SSEEvent } from './sse/parse-sse.js';

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
  /** Reads upstream bytes into events, in a stream of its own; server-sent events (read in the same stream) by default. */
  parse?: () => TransformStream<Uint8Array, Event>;
  onEvent(event: Event, writer: ChatChunkWriter): void;
  /** Called once the upstream ends without error, before usage and `[DONE]`. */
  onEnd?(writer: ChatChunkWriter): void;
}

function wantsUsage(call: ProviderCall): boolean {
  return (call.body?.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
}

export function createChatStream<Event = SSEEvent>(options: ChatStreamOptions<Event>): TransformStream<Uint8Array, Uint8Array> {
  const created = Math.floor(Date.now() / 1000);
  let id = `chatcmpl-${crypto.randomUUID()}`;
  let model = String(options.call.body?.model ?? '');
  let usage: OpenAIUsage | undefined;
  let failed = false;
  // Chunks go to the call's sink as objects when core translates them anyway, else out as bytes.
  const sink = options.call.chatChunks;
  let output!: TransformStreamDefaultController<Uint8Array>;
  const send = sink ? (chunk: object) => sink.chunk(chunk as Record<string, unknown>) : (chunk: object) => output.enqueue(encodeSSEData(chunk));
  const start = (controller: TransformStreamDefaultController<Uint8Array>) => {
    output = controller;
    sink?.start(controller);
  };

  const envelope = (choices: unknown[], extra?: object) => ({ id, object: 'chat.completion.chunk', created, model, choices, ...extra });
  const writer: ChatChunkWriter = {
    delta(delta, finishReason = null) {
      if (failed) return;
      send(envelope([{ index: 0, delta, logprobs: null, finish_reason: finishReason }]));
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
      if (sink) sink.chunk(error.toJSON() as unknown as Record<string, unknown>);
      else output.enqueue(encodeSSEError(error));
    },
    setModel(next) {
      model = next;
    },
    setId(next) {
      id = next;
    },
  };

  const onEvent = (event: Event) => {
    if (failed) return;
    try {
      options.onEvent(event, writer);
    } catch (error) {
      writer.error(error instanceof GatewayError ? error : new GatewayError('The upstream stream could not be read.', { status: 502, type: 'upstream_error', code: 'invalid_upstream_stream', cause: error }));
    }
  };
  const onEnd = () => {
    if (!failed) options.onEnd?.(writer);
    if (!failed) {
      if (usage) options.call.reportUsage?.(usage as unknown as Record<string, unknown>);
      if (usage && wantsUsage(options.call)) send(envelope([], { usage }));
      if (sink) sink.done();
      else output.enqueue(sseDone);
    }
    sink?.end();
  };

  if (!options.parse) {
    return createSSEEventStream<Uint8Array>({ start, event: (event) => onEvent(event as Event), end: onEnd });
  }
  // A format of its own (Bedrock's binary event stream) is read by a parser stream of its own.
  const parser = options.parse();
  const mapper = new TransformStream<Event, Uint8Array>({ start, transform: onEvent, flush: onEnd });
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
