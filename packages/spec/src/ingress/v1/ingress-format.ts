/**
 * Ingress formats: client APIs other than OpenAI's that the gateway serves, such as Anthropic's
 * Messages API at `/v1/messages`. The canonical format inside the pipeline stays OpenAI's: for each
 * target, a provider that declares an adapter for the format's endpoint receives the client's body
 * untouched; any other provider gets the request translated to OpenAI chat, through its own
 * `chatComplete` adapter, and its answer translated back. Core hosts formats; it knows no provider.
 *
 * A gateway serves the formats it is given (`GatewayOptions.ingressFormats`), as it routes to the
 * providers it is given; the runtimes give `builtinIngressFormats`.
 */
import type { Endpoint } from '../../provider/v1/endpoints.js';
import type { JsonObject } from '../../provider/v1/provider.js';
import type { ChatChunkSinkV1 } from '../../provider/v1/chat-chunk-sink.js';

/** What a format's error answer says: the gateway's error, in any format's words. */
export interface IngressErrorV1 {
  message: string;
  /** The HTTP status the answer carries. */
  status: number;
  /** OpenAI's error type (`invalid_request_error`, `rate_limit_error` ...). */
  type: string;
  code: string | null;
  param: string | null;
}

/**
 * A format's token-counting route (Anthropic's `/messages/count_tokens`), served as the
 * `countTokens` endpoint with the format's body. A provider that declares a `countTokens` adapter
 * counts upstream; for any other the gateway estimates the count itself, with the tokenizer its
 * runtime gives (`GatewayOptions.estimateTokens`), and says so in the answer's headers.
 */
export interface IngressTokenCountV1 {
  /** Where its clients send it: a POST route below `/v1`, e.g. `/messages/count_tokens`. */
  readonly path: `/${string}`;
  /** Every text of the request a tokenizer should count: system prompt, messages, tool definitions. */
  textOf(body: JsonObject): string;
  /** The answer, in this format, for a count the gateway made itself. */
  answer(inputTokens: number): unknown;
}

export interface IngressFormatV1 {
  readonly specificationVersion: 'v1';
  /** The endpoint this format's clients call, e.g. `messages`. */
  readonly endpoint: Endpoint;
  /** Where its clients send it: a POST route below `/v1`, e.g. `/messages`. */
  readonly path: `/${string}`;
  /** The client's body as an OpenAI chat completion request; throws a 400 `GatewayError` for what has no translation. */
  toChatRequest(body: JsonObject): JsonObject;
  /** An OpenAI `chat.completion` as this format's response; `request` is the client's own body. */
  fromChatResponse(response: any, request: JsonObject): unknown;
  /**
   * The same answer already as JSON text, exactly as `JSON.stringify` would write it: used when no
   * hook rewrites the answer, so the object is not built only to be serialised. Absent, the
   * object is.
   */
  fromChatResponseText?(response: any, request: JsonObject): string;
  /** OpenAI `chat.completion.chunk` events (bytes) in, this format's stream (bytes) out. */
  fromChatStream(request: JsonObject): TransformStream<Uint8Array, Uint8Array>;
  /**
   * The same translation fed with chunk objects: used when the provider's stream transform hands
   * its chunks over (`ProviderCall.chatChunks`), so they are never encoded and parsed again.
   * Absent, such a stream is encoded as chat bytes and read by `fromChatStream`.
   */
  fromChatChunks?(request: JsonObject): ChatChunkSinkV1;
  /** The JSON body of an error response in this format. */
  errorBody(error: IngressErrorV1): unknown;
  /** The event that ends a stream of this format with an error. */
  encodeStreamError(error: { message: string; type: string; status?: number }): Uint8Array;
  /** The provider key from a header this format's clients use for it (after `Authorization` and `x-portkey-api-key`). */
  apiKey?(headers: Headers): string | undefined;
  /** A second route that counts a request's tokens; absent, the format has none. */
  readonly countTokens?: IngressTokenCountV1;
}
