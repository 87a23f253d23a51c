/**
 * Chat chunks as objects. A stream that is translated into another client format (the Responses
 * API, Anthropic's Messages) would otherwise be encoded as OpenAI server-sent events by the
 * provider's stream transform, only to be parsed again by the format: a sink takes the chunks as
 * the transform made them, and writes the format's events itself.
 */
import type { JsonObject } from './provider.js';

export interface ChatChunkSinkV1 {
  /**
   * Called once, as the transform is built (synchronously, inside `transformStream`), with where
   * the sink writes its bytes. A transform that calls it hands every chunk to the sink and writes
   * nothing of its own; one that never calls it sends chat bytes as usual.
   */
  start(output: TransformStreamDefaultController<Uint8Array>): void;
  /** One object the chat stream would have sent as `data: <json>`: a `chat.completion.chunk`, or `{ error }`. */
  chunk(chunk: JsonObject): void;
  /** What `data: [DONE]` says: the answer is complete. */
  done(): void;
  /** The chat bytes could not be read (an event that is not JSON): the stream is broken. */
  broken(message: string): void;
  /** The upstream ended, after `[DONE]` or without it. Called last, once. */
  end(): void;
}
