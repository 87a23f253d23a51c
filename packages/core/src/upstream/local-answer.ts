/**
 * An endpoint that a provider does not serve and the gateway answers itself, without an upstream
 * call (a token count estimated for a provider that has no counting API). Core adds such adapters
 * to providers; they are not part of the provider contract.
 */
import type { EndpointAdapterV1, ProviderCall } from '@ai-gateway/spec';
import type { Answer } from './answer.js';

export interface LocalAnswerAdapter extends EndpointAdapterV1 {
  /** The answer, made by the gateway from the call alone; undefined sends the call upstream as usual. */
  answerLocally(call: ProviderCall): Promise<Answer> | undefined;
}

export function isLocalAnswerAdapter(adapter: EndpointAdapterV1): adapter is LocalAnswerAdapter {
  return typeof (adapter as Partial<LocalAnswerAdapter>).answerLocally === 'function';
}
