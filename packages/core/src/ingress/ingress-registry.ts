/**
 * Gives every provider an adapter for an ingress format's endpoint. A provider that declares one
 * itself (it speaks the format natively) is used as it is, so the client's bytes pass through;
 * any other provider is wrapped so the call runs through its `chatComplete` adapter, translated.
 */
import type { ChatChunkSinkV1, EndpointAdapterV1, JsonObject, ProviderCall, ProviderV1, UpstreamRequestDraft } from '@ai-gateway/spec';
import { changedCall, changedDraft, type CoreCall } from '../upstream/call-copies.js';
import { JsonText } from '../upstream/json-text.js';
import type { ProviderRegistry } from '../provider/registry.js';
import type { IngressFormatV1 } from '@ai-gateway/spec';
import { withFields } from '@ai-gateway/provider-utils';
import { eitherAdapter, servesCall } from './either-adapter.js';
import { chatChunkStream } from './chat-chunk-stream.js';
import { isPromiseLike } from '../promise-like.js';
import { estimatedTokenCountAdapter, estimateTokensByLength, type TokenEstimator } from './estimated-token-count.js';
import type { TranslatedAnswerHooks } from '../responses/stored-responses.js';

interface ToChatCall {
  /** The call's chat counterpart, kept for every later hook of the same call. */
  (call: ProviderCall): ProviderCall;
  /** The same, for the one-off draft `headers` gets: not kept. */
  draft(draft: UpstreamRequestDraft): UpstreamRequestDraft;
}

/**
 * The same call as the provider's chat adapter expects it: OpenAI body, `chatComplete` endpoint.
 * Every hook of a translated call (path, headers, request, answer, errors) asks for it: the body is
 * translated once per call, and kept in the call's own slot (`CoreCall`), which its draft copies.
 */
function chatCalls(format: IngressFormatV1): ToChatCall {
  const chatBodyOf = (call: ProviderCall): JsonObject | null => (call as CoreCall).chatCounterpart?.body ?? (call.body && format.toChatRequest(call.body));
  const toChat = (call: ProviderCall): ProviderCall => {
    const held = call as CoreCall;
    if (!held.chatCounterpart) held.chatCounterpart = changedCall(call, { endpoint: 'chatComplete', body: chatBodyOf(call) });
    return held.chatCounterpart;
  };
  toChat.draft = (draft: UpstreamRequestDraft) => changedDraft(draft, { endpoint: 'chatComplete', body: chatBodyOf(draft) });
  return toChat;
}

function piped(first: TransformStream<Uint8Array, Uint8Array>, second: TransformStream<Uint8Array, Uint8Array>): TransformStream<Uint8Array, Uint8Array> {
  return { writable: first.writable, readable: first.readable.pipeThrough(second) } as TransformStream<Uint8Array, Uint8Array>;
}

/**
 * The provider's chat stream as the format's events. A provider transform that takes the chunks as
 * objects (it starts the sink while it is built: provider-utils' `createChatStream` does) writes the
 * format's events itself, in its one stream; any other's chat bytes are parsed again.
 */
function translatedStream(chat: EndpointAdapterV1, format: IngressFormatV1, chatCall: ProviderCall, request: JsonObject): TransformStream<Uint8Array, Uint8Array> {
  if (!chat.transformStream) return format.fromChatStream(request);
  const sink = format.fromChatChunks?.(request);
  if (!sink) return piped(chat.transformStream(chatCall), format.fromChatStream(request));
  let started = false;
  const chatChunks: ChatChunkSinkV1 = {
    start(output) {
      started = true;
      sink.start(output);
    },
    chunk: (chunk) => sink.chunk(chunk),
    done: () => sink.done(),
    broken: (message) => sink.broken(message),
    end: () => sink.end(),
  };
  const fromProvider = chat.transformStream(changedCall(chatCall, { chatChunks }));
  return started ? fromProvider : piped(fromProvider, chatChunkStream(sink));
}

function translatedAdapter(chat: EndpointAdapterV1, format: IngressFormatV1, toChat: ToChatCall, hooks: TranslatedAnswerHooks | undefined): EndpointAdapterV1 {
  const answerOf = (completion: unknown, call: ProviderCall) => {
    const request = call.body ?? {};
    const hook = hooks?.response(call);
    // An answer no hook rewrites is written as text at once: its object would only be serialised.
    if (!hook && format.fromChatResponseText) return new JsonText(format.fromChatResponseText(completion, request));
    const answer = format.fromChatResponse(completion, request);
    return hook ? hook(answer) : answer;
  };
  return {
    path: typeof chat.path === 'function' ? (call) => (chat.path as (call: ProviderCall) => string)(toChat(call)) : chat.path,
    method: chat.method,
    transformRequest(_body, call) {
      const chatCall = toChat(call);
      return chat.transformRequest ? chat.transformRequest(chatCall.body!, chatCall) : chatCall.body!;
    },
    transformResponse(body, call, upstream) {
      const completion = chat.transformResponse ? chat.transformResponse(body, toChat(call), upstream) : body;
      // Most chat adapters answer at once: no promise to wait on then (each is a microtask turn and an allocation).
      if (isPromiseLike(completion)) return Promise.resolve(completion).then((resolved) => answerOf(resolved, call));
      return answerOf(completion, call);
    },
    transformStream(call) {
      const translated = translatedStream(chat, format, toChat(call), call.body ?? {});
      const hooked = hooks?.stream(call);
      return hooked ? piped(translated, hooked) : translated;
    },
  };
}

/**
 * A provider that counts no tokens itself, or not for every call (`serves`), gets the gateway's
 * estimate for the format's count route.
 */
function withTokenCount(provider: ProviderV1, format: IngressFormatV1, estimate: TokenEstimator): ProviderV1 {
  const own = provider.endpoints.countTokens;
  if (!format.countTokens || (own && !own.serves)) return provider;
  const estimated = estimatedTokenCountAdapter(format.countTokens, estimate);
  return withFields(provider, { endpoints: withFields(provider.endpoints, { countTokens: own ? eitherAdapter(own, estimated) : estimated }) });
}

/**
 * A provider that speaks the format natively for every call is used as it is; one that speaks it
 * for some calls (`serves`) or not at all has the rest translated through its chat adapter.
 */
function withIngressEndpoint(provider: ProviderV1, format: IngressFormatV1, hooks: TranslatedAnswerHooks | undefined): ProviderV1 {
  const own = provider.endpoints[format.endpoint];
  if (own && !own.serves) return provider;
  const chat = provider.endpoints.chatComplete;
  if (!chat) return provider;
  const toChat = chatCalls(format);
  const isTranslated = (call: ProviderCall) => call.endpoint === format.endpoint && !servesCall(own, call);
  const adapter = translatedAdapter(chat, format, toChat, hooks);
  const translated: Pick<ProviderV1, 'headers' | 'transformError' | 'endpoints'> = {
    // Providers that sign or inspect the body see the OpenAI request they were written for.
    headers: (draft) => provider.headers(isTranslated(draft) ? toChat.draft(draft) : draft),
    transformError: provider.transformError && ((status, body, call) => provider.transformError!(status, body, isTranslated(call) ? toChat(call) : call)),
    endpoints: withFields(provider.endpoints, { [format.endpoint]: own ? eitherAdapter(own, adapter) : adapter }),
  };
  return withFields(provider, translated);
}

/**
 * The registry a format's routes run with: same providers, each able to serve the format's
 * endpoint, and its token count (counted upstream, or estimated with `estimate`). `hooks` see every
 * translated answer (stored responses keep them).
 */
export function createIngressRegistry(registry: ProviderRegistry, format: IngressFormatV1, estimate: TokenEstimator = estimateTokensByLength, hooks?: TranslatedAnswerHooks): ProviderRegistry {
  const wrapped = new Map<ProviderV1, ProviderV1>();
  const wrap = (provider: ProviderV1) => {
    let result = wrapped.get(provider);
    if (!result) {
      result = withTokenCount(withIngressEndpoint(provider, format, hooks), format, estimate);
      wrapped.set(provider, result);
    }
    return result;
  };
  return {
    get: (id) => wrap(registry.get(id)),
    has: (id) => registry.has(id),
    list: () => registry.list().map(wrap),
  };
}
