/**
 * One adapter made of two, chosen per call: a provider's own adapter for the calls it `serves`,
 * and the gateway's (translated, or answered locally) for the rest.
 */
import type { EndpointAdapterV1, ProviderCall } from '@ai-gateway/spec';
import { isLocalAnswerAdapter, type LocalAnswerAdapter } from '../upstream/local-answer.js';

export function eitherAdapter(own: EndpointAdapterV1, other: EndpointAdapterV1): LocalAnswerAdapter {
  const isOwn = (call: ProviderCall) => own.serves?.(call) !== false;
  const pick = (call: ProviderCall) => (isOwn(call) ? own : other);
  return {
    path(call) {
      const adapter = pick(call);
      return typeof adapter.path === 'function' ? adapter.path(call) : adapter.path;
    },
    method: own.method ?? other.method,
    answerLocally: (call) => {
      const adapter = pick(call);
      return isLocalAnswerAdapter(adapter) ? adapter.answerLocally(call) : undefined;
    },
    // A side without a transform passes the body on (parsed once, since the other side needs it parsed).
    transformRequest: (body, call) => {
      const adapter = pick(call);
      return adapter.transformRequest ? adapter.transformRequest(body, call) : body;
    },
    transformResponse: (body, call, upstream) => {
      const adapter = pick(call);
      return adapter.transformResponse ? adapter.transformResponse(body, call, upstream) : body;
    },
    transformStream: (call) => pick(call).transformStream?.(call) ?? new TransformStream<Uint8Array, Uint8Array>(),
  };
}

/** Whether a provider's adapter serves this call itself. */
export function servesCall(adapter: EndpointAdapterV1 | undefined, call: ProviderCall): boolean {
  return adapter !== undefined && adapter.serves?.(call) !== false;
}
